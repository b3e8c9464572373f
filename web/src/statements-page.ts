import { api, download, meterPath, type Statement } from './api.js';
import { h, replace } from './dom.js';
import { dateRange, kWh, money, percent, rate, timeZone } from './format.js';
import type { Screen } from './screen.js';

const dayName = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone });
const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });

/**
 * The month [first instant, first instant of the next) in the browser's zone, for a `YYYY-MM` value; this month's
 * statement runs until now (a bill charges standing charges for every day it covers, not for days still to come).
 */
function monthSpan(value: string): { from: number; to: number } {
  const [year, month] = value.split('-').map(Number) as [number, number];
  const now = Math.floor(Date.now() / 1000);
  return { from: new Date(year, month - 1, 1).getTime() / 1000, to: Math.min(now, new Date(year, month, 1).getTime() / 1000) };
}

/**
 * Statements: pick a month, see its lines grouped by day (open a day for its half hours), the standing charges, VAT
 * and the total, exactly as the API's statement answers them; download it as CSV, or the month's half hours as Green
 * Button XML.
 */
export function statementsPage(screen: Screen, smartMeterId: string): HTMLElement[] {
  const now = new Date();
  const month = h('input', { type: 'month', id: 'statement-month', value: `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}` });
  const body = h('div', { class: 'statement-body', 'aria-live': 'polite' });
  const section = h('section', { class: 'card statements', 'aria-labelledby': 'statements-title' },
    h('h1', { id: 'statements-title' }, 'Statements'),
    h('div', { class: 'controls' }, h('label', { for: 'statement-month' }, 'Month'), month),
    body,
  );
  let latest = 0;
  const load = async () => {
    const mine = ++latest;
    if (!month.value) return;
    const { from, to } = monthSpan(month.value);
    const query = `from=${from}&to=${to}`;
    section.setAttribute('aria-busy', 'true');
    replace(body, h('p', { class: 'loading' }, 'Loading your statement…'));
    try {
      const s = await api<Statement>(`/statements/${meterPath(smartMeterId)}?${query}`);
      if (mine !== latest) return;
      const c = s.currency;
      const days = new Map<string, Statement['lines']>();
      for (const line of s.lines) {
        const day = dayName.format(line.from * 1000);
        const ofDay = days.get(day);
        if (ofDay) ofDay.push(line);
        else days.set(day, [line]);
      }
      const sum = (lines: Statement['lines'], f: (l: Statement['lines'][number]) => number) => lines.reduce((total, l) => total + f(l), 0);
      replace(body,
        h('p', { 'data-testid': 'statement-period' }, `${dateRange(s.from, s.to)} (${timeZone} time). Amounts exclude VAT until the VAT line.`),
        s.missing.length > 0 && h('p', { class: 'muted', 'data-testid': 'statement-incomplete' }, `Part of this month has no readings yet (${s.missing.length} gap${s.missing.length === 1 ? '' : 's'}), so this statement covers less than the whole month.`),
        s.unpricedKWh > 0 && h('p', { class: 'muted', 'data-testid': 'statement-unpriced' }, `${kWh(s.unpricedKWh)} used, price not yet published: it is not in the energy cost below until its price is.`),
        h('dl', { class: 'facts totals', 'data-query': query },
          h('dt', {}, 'Energy'), h('dd', { 'data-testid': 'statement-energy' }, `${kWh(s.kWh)}${s.m3 !== undefined ? ` from ${s.m3.toFixed(3)} m³ of gas` : ''}, ${money(s.energyCost, c)}${s.unpricedKWh > 0 ? ` (${kWh(s.unpricedKWh)} not yet priced)` : ''}`),
          h('dt', {}, 'Standing charges'), h('dd', {}, money(s.standingCharge, c)),
          s.export && [h('dt', {}, 'Export (solar), no VAT'), h('dd', { 'data-testid': 'statement-export' }, `${kWh(s.export.kWh)}, ${money(s.export.exportCredit, c)} earned, taken off`)],
          h('dt', {}, `VAT at ${percent(s.vatRate)}${s.export ? ' (on what you bought)' : ''}`), h('dd', {}, money(s.vat, c)),
          h('dt', {}, 'Total'), h('dd', { 'data-testid': 'statement-total', 'data-total': String(s.total) }, h('strong', {}, s.total < 0 ? `${money(-s.total, c)} in credit` : money(s.total, c))),
        ),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => void download(`/statements/${meterPath(smartMeterId)}?${query}&format=csv`, `statement-${smartMeterId}-${month.value}.csv`) }, 'Download CSV'),
          h('button', { type: 'button', onclick: () => void download(`/usage/${meterPath(smartMeterId)}/export?${query}&format=espi&tz=${encodeURIComponent(timeZone)}`, `usage-${smartMeterId}-${month.value}.xml`) }, 'Download Green Button'),
        ),
        s.lines.length === 0
          ? h('p', { class: 'empty' }, s.unpriced.length === 0 ? 'No readings in this month.' : 'No priced half hours in this month yet.')
          : h('div', { class: 'statement-days' }, [...days].map(([day, lines]) =>
              h('details', { 'data-day': day },
                h('summary', {}, `${day}: ${kWh(sum(lines, (l) => l.kWh))}, ${money(sum(lines, (l) => l.cost), c)}`),
                h('div', { class: 'table-scroll' }, h('table', {},
                  h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Half hour'), h('th', { scope: 'col' }, 'Plan'), h('th', { scope: 'col', class: 'num' }, 'kWh'), h('th', { scope: 'col', class: 'num' }, 'Rate'), h('th', { scope: 'col', class: 'num' }, 'Cost'))),
                  h('tbody', {}, lines.map((l) => h('tr', {}, h('td', {}, `${clock.format(l.from * 1000)}–${clock.format(l.to * 1000)}`), h('td', {}, l.pricePlanId), h('td', { class: 'num' }, l.kWh.toFixed(3)), h('td', { class: 'num' }, `${rate(l.unitRate, c)}/kWh`), h('td', { class: 'num' }, rate(l.cost, c))))),
                )),
              ))),
        s.export && s.export.lines.length > 0 && exportSection(s.export, c),
        (s.unconverted?.length ?? 0) > 0 && h('p', { class: 'muted', 'data-testid': 'statement-unconverted' }, `${s.unconverted!.length} half hours of gas (${s.unconverted!.reduce((sum, u) => sum + u.m3, 0).toFixed(3)} m³) are on days with no published calorific value yet: they are in no kWh or cost until it is.`),
        s.gas && s.dualFuel && h('div', { 'data-testid': 'statement-gas' },
          h('h2', {}, `Gas (${s.gas.smartMeterId})`),
          h('dl', { class: 'facts totals' },
            h('dt', {}, 'Energy'), h('dd', {}, `${kWh(s.gas.kWh)} from ${(s.gas.m3 ?? 0).toFixed(3)} m³, ${money(s.gas.energyCost, c)}`),
            h('dt', {}, 'Standing charges'), h('dd', {}, money(s.gas.standingCharge, c)),
            h('dt', {}, `VAT at ${percent(s.gas.vatRate)}`), h('dd', {}, money(s.gas.vat, c)),
            h('dt', {}, 'Gas total'), h('dd', {}, money(s.gas.total, c)),
            h('dt', {}, 'Both fuels'), h('dd', { 'data-testid': 'statement-dual-total', 'data-total': String(s.dualFuel.total) }, h('strong', {}, money(s.dualFuel.total, c))),
          ),
        ),
        s.standingCharges.length > 0 &&
          h('div', {}, h('h2', {}, 'Standing charges'), h('ul', {}, s.standingCharges.map((p) => h('li', {}, `${p.pricePlanId}: ${p.days.toFixed(2)} days at ${rate(p.ratePerDay, c)}/day = ${money(p.cost, c)}`)))),
      );
    } catch (error) {
      if (mine === latest) replace(body, screen.problem(error, load));
    } finally {
      if (mine === latest) section.setAttribute('aria-busy', 'false');
    }
  };
  month.addEventListener('change', () => void load());
  void load();
  return [section];
}

/** What a solar household's export meter sent and earned, by day, each day's half hours with the rate paid. */
function exportSection(section: NonNullable<Statement['export']>, currency: string): HTMLElement {
  const byDay = new Map<string, NonNullable<Statement['export']>['lines']>();
  for (const line of section.lines) {
    const day = dayName.format(line.start * 1000);
    byDay.set(day, [...(byDay.get(day) ?? []), line]);
  }
  return h('div', { 'data-testid': 'statement-export-lines' },
    h('h2', {}, `Export from ${section.smartMeterId}`),
    [...byDay].map(([day, lines]) =>
      h('details', {},
        h('summary', {}, `${day}: ${kWh(lines.reduce((sum, l) => sum + l.kWh, 0))} exported, ${money(lines.reduce((sum, l) => sum + l.credit, 0), currency)} earned`),
        h('div', { class: 'table-scroll' }, h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Half hour from'), h('th', { scope: 'col', class: 'num' }, 'kWh'), h('th', { scope: 'col', class: 'num' }, 'Paid per kWh'), h('th', { scope: 'col', class: 'num' }, 'Earned'))),
          h('tbody', {}, lines.map((l) => h('tr', {}, h('td', {}, clock.format(l.start * 1000)), h('td', { class: 'num' }, l.kWh.toFixed(3)), h('td', { class: 'num' }, rate(l.rate, currency)), h('td', { class: 'num' }, rate(l.credit, currency))))),
        )),
      )),
  );
}

