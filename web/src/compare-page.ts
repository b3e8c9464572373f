import type { OwnDataComparison } from '../../functions/compare-intervals/docs.js';
import type { Interval } from '../../shared/domain/energy-source.js';
import { INTERVAL_FORMATS, parseIntervalFile, type IntervalFormat } from '../../shared/domain/interval-files.js';
import { api } from './api.js';
import { h, replace } from './dom.js';
import { dateRange, days, kWh, money, percent } from './format.js';
import { explainProblem } from './screen.js';

/** How each format is named to a household: where the file comes from. */
const FORMAT_NAMES: Record<IntervalFormat, string> = {
  'octopus-csv': 'Octopus dashboard download (CSV)',
  'octopus-json': 'Octopus consumption API (JSON)',
  n3rgy: 'n3rgy (JSON)',
  glowmarkt: 'Glowmarkt / Bright (JSON)',
  'intervals-csv': 'JOI Energy export (CSV: interval_start,kwh)',
};

/**
 * "Compare plans with your own data": a household's download, parsed here in the browser by the same parsers as
 * `npm run import`, sent as half hours to the public POST /price-plans/compare; nothing is stored. Every plan's cost,
 * the cheapest, the saving against the plan the household names, and the span and coverage the answer rests on.
 */
export function comparePage(): HTMLElement[] {
  const format = h('select', { id: 'own-format' }, INTERVAL_FORMATS.map((f) => h('option', { value: f }, FORMAT_NAMES[f])));
  const file = h('input', { id: 'own-file', type: 'file', accept: '.csv,.json,.txt,text/csv,application/json', required: true });
  const current = h('select', { id: 'own-current', disabled: true }, h('option', { value: '' }, 'Compare first'));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'own-status' });
  const result = h('div', { 'data-testid': 'own-result' });
  let intervals: Interval[] = [];

  const say = (message: string, problem = false) => {
    status.className = problem ? 'status problem' : 'status';
    replace(status, message);
  };
  const show = (answer: OwnDataComparison) => {
    const starts = intervals.map((i) => i.start);
    const from = Math.min(...starts);
    const to = Math.max(...starts) + 1800;
    const total = intervals.reduce((sum, i) => sum + i.kWh, 0);
    const costs = answer.pricePlanComparisons.map((entry) => Object.entries(entry)[0]!);
    const cheapest = costs[0];
    if (current.disabled) {
      replace(current, h('option', { value: '' }, 'I do not know'), costs.map(([id]) => h('option', { value: id }, id)));
      current.disabled = false;
    }
    replace(result,
      h('p', { 'data-testid': 'own-span' }, `Your data: ${dateRange(from, to)} (${days(Math.round((to - from) / 86_400))}), ${kWh(total)}; ${percent(answer.coverage)} of its half hours hold a reading.`),
      cheapest && h('p', { class: 'advice', 'data-testid': 'own-cheapest' }, `Cheapest for this usage: ${cheapest[0]}, ${money(cheapest[1], answer.currency)}.`),
      answer.savings && h('p', { 'data-testid': 'own-saving' },
        answer.savings.saving > 0
          ? `Against ${current.value}, ${answer.savings.pricePlanId} would have saved ${money(answer.savings.saving, answer.currency)}${answer.savings.savingPerYear !== undefined ? ` (about ${money(answer.savings.savingPerYear, answer.currency)} a year)` : ''}.`
          : `${current.value} is already the cheapest plan for this usage.`),
      h('div', { class: 'table-scroll' }, h('table', { 'data-testid': 'own-plans' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Plan'), h('th', { scope: 'col' }, 'Cost'))),
        h('tbody', {}, costs.map(([id, cost]) => h('tr', { 'data-plan': id }, h('td', {}, id), h('td', { 'data-cost': String(cost) }, money(cost, answer.currency))))),
      )),
      answer.incomplete.length > 0 && h('p', { class: 'muted' }, `Not costed (no published prices for part of your data): ${answer.incomplete.join(', ')}.`),
    );
  };
  const compare = async () => {
    try {
      const answer = await api<OwnDataComparison>('/price-plans/compare', { method: 'POST', body: { intervals, ...(current.value && { currentPricePlanId: current.value }) } });
      say(`Compared ${intervals.length.toLocaleString('en-GB')} half hours under every plan.`);
      show(answer);
    } catch (error) {
      say(`The comparison failed: ${explainProblem(error)}`, true);
    }
  };
  const form = h('form', { class: 'controls', 'data-testid': 'own-form' },
    h('label', { for: format.id }, 'File from'), format,
    h('label', { for: file.id }, 'File'), file,
    h('button', { type: 'submit', class: 'primary' }, 'Compare'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return say('Choose a file first.', true);
    try {
      intervals = parseIntervalFile(await chosen.text(), format.value as IntervalFormat);
    } catch (error) {
      replace(result);
      return say(`${chosen.name}: ${(error as Error).message}`, true);
    }
    if (intervals.length === 0) return say(`${chosen.name} holds no half hours.`, true);
    say('Comparing…');
    await compare();
  });
  current.addEventListener('change', () => void compare());
  return [
    h('section', { class: 'card', 'aria-labelledby': 'own-title' },
      h('h1', { id: 'own-title' }, 'Compare plans with your own data'),
      h('p', {}, 'Download your half-hourly usage from your supplier or your meter\'s data service, choose the file here, and see what every plan would have cost you. The file is read in your browser; only its half hours are sent, and nothing is kept.'),
      form,
      h('p', { class: 'controls' }, h('label', { for: current.id }, 'Your current plan'), current),
      status,
      result,
    ),
  ];
}
