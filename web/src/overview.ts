import { api, meterPath, type Account, type Granularity, type PeriodComparison, type PlanSummary, type SavingsReport, type UsageReport } from './api.js';
import { h, replace } from './dom.js';
import { date, dateRange, days, kWh, money, percent, rate, timeZone } from './format.js';
import { dynamicPrices } from './price-chart.js';
import { bestTime, MIN_DAYS_FOR_A_YEARLY_FIGURE } from './best-time.js';
import { confirmAction } from './confirm.js';
import { statusLine, type Screen, type StatusLine } from './screen.js';
import { periodName, usageChart } from './usage-chart.js';
import { dualFuelCard, solarCard } from './solar.js';

const PERIOD_NAMES: Record<PeriodComparison['period'], string> = {
  'last-30-days': 'the last 30 days',
  'last-12-months': 'the last 12 months',
  'all-data': 'all your readings',
};

const RANGES = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '365', label: 'Last 12 months' },
  { value: 'all', label: 'All history' },
] as const;
const GROUPINGS: { value: Granularity; label: string }[] = [
  { value: 'hour', label: 'Hour' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

/** The main page: the savings sentence, the usage chart, and every plan compared with a switch button per cheaper one. */
export function overview(screen: Screen, smartMeterId: string): HTMLElement[] {
  const savings = h('section', { class: 'card savings', 'aria-labelledby': 'savings-title', 'aria-busy': 'true' }, h('h1', { id: 'savings-title' }, 'Your energy at a glance'), h('p', { class: 'loading' }, 'Working out what you could save…'));
  const plans = h('section', { class: 'card plans', 'aria-labelledby': 'plans-title', 'aria-busy': 'true' }, h('h2', { id: 'plans-title' }, 'My plan and the alternatives'), h('p', { class: 'loading' }, 'Comparing every plan…'));
  // A switch's progress and outcome are said here, where the customer pressed the button, not in a banner off-screen.
  const switchStatus = statusLine('switch-status');
  const usage = usageSection(screen, smartMeterId);
  const solar = h('section', { class: 'card solar', 'aria-labelledby': 'solar-title', hidden: true });
  const dual = h('section', { class: 'card dual-fuel', 'aria-labelledby': 'dual-title', hidden: true });
  const best = bestTime(smartMeterId);

  const loadSavings = async () => {
    savings.setAttribute('aria-busy', 'true');
    plans.setAttribute('aria-busy', 'true');
    try {
      // The account says which of the household's other meters (export, gas) the cards below are about.
      const [report, account] = await Promise.all([api<SavingsReport>(`/price-plans/savings/${meterPath(smartMeterId)}`), api<Account>(`/accounts/${meterPath(smartMeterId)}`)]);
      replace(savings, h('h1', { id: 'savings-title' }, 'Your energy at a glance'), ...savingsSentence(report));
      replace(plans, h('h2', { id: 'plans-title' }, 'My plan and the alternatives'), switchStatus.element, ...comparison(report, switchStatus, smartMeterId, loadSavings));
      // What an export meter sends is not used, and a gas plan's price is the same all day: the best time says nothing.
      best.hidden = report.direction === 'export' || report.fuel === 'gas';
      // A solar household (its import meter has an export meter): its export, its pair and every pair ranked.
      if (account.exportMeterId !== undefined) void solarCard(screen, solar, report, account.exportMeterId, switchStatus, loadSavings);
      // A dual-fuel household (its electricity meter has a gas meter): both fuels' plans ranked together.
      if (account.gasMeterId !== undefined) void dualFuelCard(screen, dual, report, account.gasMeterId);
    } catch (error) {
      replace(savings, h('h1', { id: 'savings-title' }, 'Your energy at a glance'), screen.problem(error, loadSavings));
      replace(plans, h('h2', { id: 'plans-title' }, 'My plan and the alternatives'), switchStatus.element);
    } finally {
      savings.setAttribute('aria-busy', 'false');
      plans.setAttribute('aria-busy', 'false');
    }
  };
  void loadSavings();
  return [savings, usage, solar, dual, best, plans];
}


const planLabel = (plans: PlanSummary[], pricePlanId: string) => {
  const plan = plans.find((p) => p.pricePlanId === pricePlanId);
  return plan ? `${plan.pricePlanId} (${plan.supplier})` : pricePlanId;
};

function savingsSentence(report: SavingsReport): HTMLElement[] {
  const basis = report.periods.at(-1)!;
  const basedOn = basis.days > 0 ? h('p', { class: 'basis' }, `Based on ${days(basis.days)} of readings, ${dateRange(basis.from, basis.to)}.`) : null;
  // Under 0.9 of the period's half hours hold readings: the figures rest on part of it, and the page says how much.
  const sinceFirst = Math.max(1, Math.round((Date.now() / 1000 - basis.from) / 86_400));
  const provisional = report.provisional && basis.days > 0
    ? h('p', { class: 'provisional', 'data-testid': 'provisional' }, h('strong', {}, 'Provisional: '), `based on ${Math.round(report.coverage * sinceFirst)} of the last ${days(sinceFirst)}; readings are missing for the rest, so these figures may change once they arrive.`)
    : null;
  if (report.advice) {
    const { pricePlanId, saving, savingPerYear, period } = report.advice;
    // A year's saving is only worth saying from four weeks of readings: a week's says little about winter.
    const yearly = basis.days >= MIN_DAYS_FOR_A_YEARLY_FIGURE ? ` That is about ${money(savingPerYear, report.currency)} a year if you keep using energy the same way (scaled up from ${days(basis.days)}).` : '';
    // An export meter's saving is money earned: its costs are credits (negative), so "cheaper" pays more.
    const gain = report.direction === 'export' ? ['you would have earned ', h('strong', {}, `${money(saving, report.currency)} more`)] : ['you would have paid ', h('strong', {}, `${money(saving, report.currency)} less`)];
    return [
      h('p', { class: 'advice', 'data-testid': 'advice' },
        'On ', h('strong', {}, planLabel(report.plans, pricePlanId)), ' ', ...gain,
        ` over ${PERIOD_NAMES[period]}.${yearly}`),
      basedOn!,
      provisional!,
    ].filter(Boolean) as HTMLElement[];
  }
  const reason = report.noAdvice!;
  const text =
    reason.reason === 'already-cheapest'
      ? report.direction === 'export'
        ? `You are already on the best-paying export plan for what your panels send: ${planLabel(report.plans, report.pricePlanId!)}.`
        : `You are already on the cheapest plan for the way you use energy: ${planLabel(report.plans, report.pricePlanId!)}.`
      : reason.reason === 'too-little-data'
        ? `We need at least ${days(report.minimumDays)} of readings to tell you which plan is cheapest; we have ${days(basis.days)} so far.`
        : reason.reason === 'prices-missing'
          ? `Your plan's prices are not all published yet for this period, so we cannot compare it yet: ${reason.message}.`
          : 'Your meter is not on a plan yet: choose one below.';
  return [h('p', { class: 'advice', 'data-testid': 'advice' }, text), basedOn, provisional].filter(Boolean) as HTMLElement[];
}

/**
 * Every plan's prices side by side (VAT included, as the customer pays): its unit rate (or that it changes every half
 * hour), its standing charge, the hours a time-of-use plan is cheaper, and its next price change.
 */
function ratesText(plan: PlanSummary | undefined, currency: string): string {
  if (!plan) return '—';
  if (plan.direction === 'export') {
    // What an export plan pays: no standing charge, no VAT; its bands are the hours it pays more.
    const pays = plan.unitRate === null ? 'pays a new price every half hour (never below 0)' : `pays ${rate(plan.unitRate, currency)}/kWh`;
    const better = plan.cheapHours.map((b) => `${b.from}–${b.to} ${rate(b.unitRate, currency)}/kWh`).join(', ');
    return `${pays}${plan.unitRate === null ? '' : better ? `; ${better} (${plan.timeZone} time)` : ', all day'}`;
  }
  const unit = plan.unitRate === null ? 'a new price every half hour' : `${rate(plan.unitRate, currency)}/kWh`;
  const prices = `${unit}, standing charge ${rate(plan.standingChargePerDay, currency)}/day`;
  const bands = plan.cheapHours.map((b) => `${b.from}–${b.to} at ${rate(b.unitRate, currency)}/kWh`).join(', ');
  const shape = plan.unitRate === null ? '' : plan.cheapHours.length === 0 ? '; same price all day' : `; ${bands} (${plan.timeZone} time)`;
  const next = plan.nextChange;
  const change = next
    ? `. From ${date(next.validFrom)}: ${next.unitRate === null ? '' : `${rate(next.unitRate, currency)}/kWh, `}standing charge ${rate(next.standingChargePerDay, currency)}/day`
    : '';
  return `${prices}${shape}${change}`;
}

/** How a plan compares with the current one: paid less or more, or for an export meter (credits) earned more or less. */
function differenceText(difference: number | null, currency: string, paid: boolean): string {
  if (difference === null) return '—';
  if (Math.abs(difference) < 0.5) return 'same';
  if (paid) return `earns ${money(Math.abs(difference), currency)} ${difference < 0 ? 'more' : 'less'}`;
  return `${money(Math.abs(difference), currency)} ${difference < 0 ? 'less' : 'more'}`;
}

function comparison(report: SavingsReport, status: StatusLine, smartMeterId: string, reload: () => Promise<void>): HTMLElement[] {
  const current = report.pricePlanId;
  const basis = report.periods.at(-1)!;
  const { currency } = report;
  const paid = report.direction === 'export';
  const vat = paid ? ' What export plans pay carries no VAT.' : report.vatRate > 0 ? ` Prices include VAT at ${percent(report.vatRate)}.` : '';
  const intro = h('p', { 'data-testid': 'plans-intro' }, current ? ['You are on ', h('strong', { 'data-testid': 'current-plan' }, planLabel(report.plans, current)), `.${vat}`] : `You are not on a plan yet.${vat}`);
  const tables = [...report.periods].reverse().map((period) => {
    const caption = `${PERIOD_NAMES[period.period][0]!.toUpperCase()}${PERIOD_NAMES[period.period].slice(1)}`;
    if (period.costs.length === 0) return h('div', { class: 'period' }, h('h3', {}, caption), h('p', { class: 'empty' }, 'No readings in this period yet.'));
    const canSwitch = period === basis;
    return h('div', { class: 'period', 'data-period': period.period, 'data-from': String(period.from), 'data-to': String(period.to) },
      h('h3', {}, caption, ' ', h('span', { class: 'muted' }, `(${days(period.days)} of readings, ${dateRange(period.from, period.to)})`)),
      h('div', { class: 'table-scroll' },
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Plan'), h('th', { scope: 'col', class: 'num' }, paid ? 'You would earn' : 'Cost'), h('th', { scope: 'col', class: 'num' }, 'Compared with yours'), h('th', { scope: 'col', class: 'hours' }, 'Prices'), canSwitch && h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Action')))),
          h('tbody', {}, period.costs.map((cost) => {
            const plan = report.plans.find((p) => p.pricePlanId === cost.pricePlanId);
            const isCurrent = cost.pricePlanId === current;
            const cheaper = cost.difference !== null && cost.difference <= -0.5;
            return h('tr', { class: isCurrent ? 'current' : '', 'data-plan': cost.pricePlanId },
              h('th', { scope: 'row' }, cost.pricePlanId, isCurrent && h('span', { class: 'badge' }, 'Your plan'), h('br'), h('span', { class: 'muted' }, plan?.supplier ?? ''), h('span', { class: 'hours-inline' }, ratesText(plan, currency))),
              h('td', { class: 'num', 'data-cost': String(cost.cost) }, paid ? money(-cost.cost, currency) : money(cost.cost, currency)),
              h('td', { class: `num ${cheaper ? 'saving' : ''}` }, differenceText(cost.difference, currency, paid)),
              h('td', { class: 'hours' }, ratesText(plan, currency)),
              canSwitch && h('td', {}, cheaper ? h('button', { type: 'button', class: 'primary', onclick: () => confirmSwitch(status, smartMeterId, cost.pricePlanId, planLabel(report.plans, cost.pricePlanId), reload) }, `Switch to ${cost.pricePlanId}`) : ''),
            );
          })),
        ),
      ),
      period.incomplete.length > 0 &&
        h('p', { class: 'muted', 'data-testid': 'incomplete' }, `Not compared: ${period.incomplete.join(', ')} (its prices for part of this period are not published yet).`),
    );
  });
  // Prices to use energy by: an import plan's (an export plan's dearest half hours are its best, and carry no VAT).
  const dynamic = report.plans.filter((p) => p.dynamic && p.direction === 'import').map((p) => dynamicPrices(p, report));
  return [intro, ...tables, ...dynamic];
}

function confirmSwitch(status: StatusLine, smartMeterId: string, pricePlanId: string, label: string, reload: () => Promise<void>): void {
  confirmAction({
    title: `Switch to ${label}?`,
    detail: ['Your new plan applies from now on. Usage until now stays billed on your current plan.'],
    confirmLabel: 'Yes, switch',
    run: async () => {
      const switched = await status.attempt(`Switching to ${pricePlanId}…`, async () => {
        await api(`/accounts/${meterPath(smartMeterId)}/price-plan`, { method: 'PUT', body: { pricePlanId } });
        return `Done: you are now on ${label}.`;
      });
      if (switched) await reload();
    },
  });
}

function usageSection(screen: Screen, smartMeterId: string): HTMLElement {
  const groupBy = h('select', { id: 'group-by' }, GROUPINGS.map((g) => h('option', { value: g.value }, g.label)));
  const range = h('select', { id: 'range' }, RANGES.map((r) => h('option', { value: r.value }, r.label)));
  const body = h('div', { class: 'usage-body', 'aria-live': 'polite' });
  const section = h('section', { class: 'card usage', 'aria-labelledby': 'usage-title' },
    h('h2', { id: 'usage-title' }, 'My usage'),
    h('div', { class: 'controls' },
      h('label', { for: 'range' }, 'Period'), range,
      h('label', { for: 'group-by' }, 'Energy per'), groupBy,
    ),
    h('p', { class: 'muted' }, `Times are in your time zone, ${timeZone}.`),
    body,
  );
  let destroyChart: (() => void) | undefined;
  let latest = 0; // a load answered after a later one started is stale: the customer changed the period meanwhile
  const load = async () => {
    const mine = ++latest;
    destroyChart?.();
    destroyChart = undefined;
    section.setAttribute('aria-busy', 'true');
    replace(body, h('p', { class: 'loading' }, 'Loading your usage…'));
    const now = Math.floor(Date.now() / 1000);
    const params = new URLSearchParams({ groupBy: groupBy.value, tz: timeZone });
    if (range.value !== 'all') {
      params.set('from', String(now - Number(range.value) * 86_400));
      params.set('to', String(now));
    }
    try {
      const report = await api<UsageReport>(`/usage/${meterPath(smartMeterId)}?${params}`);
      if (mine !== latest) return;
      const total = report.periods.reduce((sum, p) => sum + p.kWh, 0);
      if (report.periods.length === 0 || total === 0) {
        replace(body, h('p', { class: 'empty' }, 'No readings in this period yet. Once your meter sends readings, your usage appears here.'));
        return;
      }
      const peak = report.periods.reduce((a, b) => (b.kWh > a.kWh ? b : a));
      const label = GROUPINGS.find((g) => g.value === report.groupBy)!.label.toLowerCase();
      const chart = h('div', { class: 'chart', 'data-query': params.toString(), role: 'img', 'aria-label': `Bar chart of your energy per ${label}, ${dateRange(report.periods[0]!.from, report.periods.at(-1)!.to)}; the table below holds the same figures.` });
      replace(body,
        h('p', { class: 'totals', 'data-testid': 'usage-total' }, 'Total ', h('strong', {}, kWh(total)), gasVolume(report), ` over ${report.periods.length} ${label}${report.periods.length === 1 ? '' : 's'} · busiest ${label}: ${kWh(peak.kWh)} (${periodName(report)(peak)})`),
        report.periods.some((p) => p.cvComplete === false) && h('p', { class: 'muted', 'data-testid': 'cv-incomplete' }, 'Some days have no published calorific value yet: their gas is in the volume, not yet in the kWh.'),
        chart,
        h('details', {},
          h('summary', {}, 'Show the figures as a table'),
          h('div', { class: 'table-scroll' }, h('table', {},
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col', class: 'num' }, 'Energy'))),
            h('tbody', {}, report.periods.map((p) => h('tr', {}, h('td', {}, new Date(p.from * 1000).toLocaleString('en-GB', { timeZone: report.timeZone })), h('td', { class: 'num' }, kWh(p.kWh))))),
          )),
        ),
      );
      destroyChart = usageChart(chart, report);
    } catch (error) {
      if (mine === latest) replace(body, screen.problem(error, load));
    } finally {
      if (mine === latest) section.setAttribute('aria-busy', 'false');
    }
  };
  groupBy.addEventListener('change', () => void load());
  range.addEventListener('change', () => void load());
  void load();
  return section;
}

/** A gas meter's usage: the volume beside the kWh, as a gas bill shows it. */
function gasVolume(report: UsageReport): string {
  if (!report.periods.some((p) => p.m3 !== undefined)) return '';
  const m3 = report.periods.reduce((sum, p) => sum + (p.m3 ?? 0), 0);
  return ` (${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(m3)} m³ of gas)`;
}

