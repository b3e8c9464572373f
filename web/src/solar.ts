import { api, meterPath, type DualFuelComparison, type PairComparison, type SavingsReport, type UsageCost } from './api.js';
import { confirmAction } from './confirm.js';
import { h, replace } from './dom.js';
import { dateRange, days, kWh, money } from './format.js';
import type { Screen, StatusLine } from './screen.js';

type Pair = PairComparison['pairs'][number];
const pairName = (p: { importPlanId: string | null; exportPlanId: string | null }) => `${p.importPlanId ?? 'no plan'} + ${p.exportPlanId ?? 'no plan'}`;
const samePair = (a: { importPlanId: string | null; exportPlanId: string | null }, b: { importPlanId: string | null; exportPlanId: string | null }) =>
  a.importPlanId === b.importPlanId && a.exportPlanId === b.exportPlanId;

/**
 * A solar household's card, on its import meter's overview: what the export meter sent and earned this week, the
 * household's pair of plans, and every allowed pair ranked by net (the same period as the advice), with a pair switch.
 */
export async function solarCard(screen: Screen, card: HTMLElement, report: SavingsReport, exportMeterId: string, status: StatusLine, reload: () => Promise<void>): Promise<void> {
  const title = h('h2', { id: 'solar-title' }, 'My solar: export and the best pair of plans');
  card.hidden = false;
  card.setAttribute('aria-busy', 'true');
  replace(card, title, h('p', { class: 'loading' }, 'Working out what your panels earned…'));
  try {
    const basis = report.periods.at(-1)!;
    const now = Math.floor(Date.now() / 1000);
    const [week, ranked] = await Promise.all([
      api<UsageCost>(`/usage/${meterPath(exportMeterId)}/cost?from=${now - 7 * 86_400}&to=${now}`),
      api<PairComparison>(`/price-plans/compare-pairs/${meterPath(report.smartMeterId)}${basis.days > 0 ? `?from=${basis.from}&to=${basis.to}` : ''}`),
    ]);
    const { currency } = ranked;
    const earned = h('p', { 'data-testid': 'solar-earned' },
      'In the last 7 days you exported ', h('strong', {}, kWh(week.kWh)), ' and earned ', h('strong', {}, money(-week.cost, currency)), week.byPlan.length === 1 ? ` on ${week.pricePlanId}.` : ' on your export plans.',
      week.complete ? '' : ' (Some of it has no published price yet: it is not in that figure.)');
    const current = ranked.pairs.find((p) => samePair(p, ranked.current));
    const advice = report.pairAdvice;
    const adviceText = advice
      ? h('p', { class: 'advice', 'data-testid': 'pair-advice' },
          'With ', h('strong', {}, pairName(advice)), ' you would pay ',
          h('strong', {}, `${money(advice.savingPerYear ?? advice.saving, currency)} less`),
          advice.savingPerYear !== null ? ' a year' : ` over these ${days(basis.days)}`,
          ` (changing your ${advice.changes.join(' and ')} plan${advice.changes.length > 1 ? 's' : ''}).`)
      : h('p', { class: 'advice', 'data-testid': 'pair-advice' }, current ? `Your pair, ${pairName(ranked.current)}, is already the cheapest for how you use and export energy.` : 'We cannot compare your pair yet.');
    const table = h('div', { class: 'table-scroll' }, h('table', { class: 'pair-table', 'data-testid': 'pairs' },
      h('caption', {}, `Every pair of plans for ${basis.days > 0 ? dateRange(basis.from, basis.to) : 'your data'}, cheapest first (import cost less export earnings)`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Import plan + export plan'),
        h('th', { scope: 'col', class: 'num' }, 'You pay'),
        h('th', { scope: 'col', class: 'num' }, 'You earn'),
        h('th', { scope: 'col', class: 'num' }, 'Net'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Action')))),
      h('tbody', {}, ranked.pairs.map((pair) => {
        const isCurrent = samePair(pair, ranked.current);
        const cheaper = current !== undefined && current.net - pair.net >= 0.5;
        return h('tr', { class: isCurrent ? 'current' : '', 'data-pair': pairName(pair) },
          h('th', { scope: 'row' }, pairName(pair), isCurrent && h('span', { class: 'badge' }, 'Your plans')),
          h('td', { class: 'num pay', 'data-label': 'You pay' }, money(pair.importCost, currency)),
          h('td', { class: 'num earn', 'data-label': 'earn' }, money(pair.exportCredit, currency)),
          h('td', { class: 'num net', 'data-net': String(pair.net) }, money(pair.net, currency)),
          h('td', { class: 'action' }, cheaper ? h('button', { type: 'button', class: 'primary', onclick: () => confirmPairSwitch(status, report.smartMeterId, ranked.current, pair, reload) }, 'Switch to this pair') : ''),
        );
      })),
    ));
    const unranked = ranked.incomplete.length > 0 && h('p', { class: 'muted' }, `Not compared: ${ranked.incomplete.map(pairName).join(', ')} (prices for part of this period are not published yet).`);
    replace(card, title, earned, adviceText, table, unranked);
  } catch (error) {
    replace(card, title, screen.problem(error, () => solarCard(screen, card, report, exportMeterId, status, reload)));
  } finally {
    card.setAttribute('aria-busy', 'false');
  }
}

/**
 * A pair switch is two switches, and the dialog says both. They are one request (`exportPricePlanId`), which the API
 * writes as one transaction: both plans change or neither does.
 */
function confirmPairSwitch(status: StatusLine, smartMeterId: string, from: PairComparison['current'], to: Pair, reload: () => Promise<void>): void {
  const changes = [
    from.importPlanId !== to.importPlanId && `Import (what you buy): ${from.importPlanId ?? 'no plan'} → ${to.importPlanId}`,
    from.exportPlanId !== to.exportPlanId && `Export (what you sell): ${from.exportPlanId ?? 'no plan'} → ${to.exportPlanId}`,
  ].filter((line): line is string => typeof line === 'string');
  confirmAction({
    title: `Switch to ${pairName(to)}?`,
    detail: [...changes, 'Both plans change together from now on, or neither does. Energy until now stays billed on your current plans.'],
    confirmLabel: 'Yes, switch both',
    run: async () => {
      const switched = await status.attempt(`Switching to ${pairName(to)}…`, async () => {
        await api(`/accounts/${meterPath(smartMeterId)}/price-plan`, { method: 'PUT', body: { pricePlanId: to.importPlanId, exportPricePlanId: to.exportPlanId } });
        return `Done: you are now on ${pairName(to)}.`;
      });
      if (switched) await reload();
    },
  });
}

/**
 * A dual-fuel household's card, on its electricity meter's overview: every allowed (electricity, gas) pair of plans
 * ranked by what both cost together over the advice's period.
 */
export async function dualFuelCard(screen: Screen, card: HTMLElement, report: SavingsReport, gasMeterId: string): Promise<void> {
  try {
    const title = h('h2', { id: 'dual-title' }, 'Gas and electricity together');
    card.hidden = false;
    const basis = report.periods.at(-1)!;
    const ranked = await api<DualFuelComparison>(`/price-plans/compare-dual/${meterPath(report.smartMeterId)}${basis.days > 0 ? `?from=${basis.from}&to=${basis.to}` : ''}`);
    const name = (p: { electricityPlanId: string | null; gasPlanId: string | null }) => `${p.electricityPlanId ?? 'no plan'} + ${p.gasPlanId ?? 'no plan'}`;
    const current = ranked.pairs.find((p) => p.electricityPlanId === ranked.current.electricityPlanId && p.gasPlanId === ranked.current.gasPlanId);
    const best = ranked.pairs[0];
    const advice = best && current && current.total - best.total >= 0.5
      ? `With ${name(best)} you would have paid ${money(current.total - best.total, ranked.currency)} less for both fuels over ${dateRange(basis.from, basis.to)}.`
      : current ? `Your plans, ${name(ranked.current)}, are already the cheapest pair for both fuels.` : 'We cannot compare your two plans yet.';
    replace(card, title,
      h('p', { 'data-testid': 'dual-advice' }, advice, ` Your gas meter is ${gasMeterId}.`),
      h('div', { class: 'table-scroll' }, h('table', { class: 'pair-table', 'data-testid': 'dual-pairs' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Electricity plan + gas plan'), h('th', { scope: 'col', class: 'num' }, 'Electricity'), h('th', { scope: 'col', class: 'num' }, 'Gas'), h('th', { scope: 'col', class: 'num' }, 'Total'))),
        h('tbody', {}, ranked.pairs.map((p) =>
          h('tr', { class: p === current ? 'current' : '', 'data-pair': name(p) },
            h('th', { scope: 'row' }, name(p), p === current && h('span', { class: 'badge' }, 'Your plans')),
            h('td', { class: 'num pay', 'data-label': 'Electricity' }, money(p.electricityCost, ranked.currency)),
            h('td', { class: 'num earn', 'data-label': 'gas' }, money(p.gasCost, ranked.currency)),
            h('td', { class: 'num net', 'data-total': String(p.total) }, money(p.total, ranked.currency)),
          ))),
      )),
      ranked.incomplete.length > 0 && h('p', { class: 'muted' }, `Not compared: ${ranked.incomplete.map(name).join(', ')} (a price or a calorific value is not published yet).`),
    );
  } catch (error) {
    replace(card, h('h2', { id: 'dual-title' }, 'Gas and electricity together'), screen.problem(error, () => dualFuelCard(screen, card, report, gasMeterId)));
  }
}

