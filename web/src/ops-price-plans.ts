import { api, apiDocument, ApiError, type CatalogueAnswer } from './api.js';
import { confirmAction } from './confirm.js';
import { h, replace } from './dom.js';
import { date, dateTime, localInputValue, rate, secondsOfLocalInput } from './format.js';
import { priceBars, when, type PricedHalfHour } from './price-chart.js';
import { explainProblem, statusLine, type Screen, type StatusLine } from './screen.js';

type PlanDocument = CatalogueAnswer['pricePlans'][number];
type Version = PlanDocument['rates'][number];

const HALF_HOUR = 1800;
const DAY = 86_400;
/** The publish route's limits (PUT /admin/price-plans/{id}/prices): the app takes only types from the API's code. */
const PRICES_PER_CALL = 1000;
const DAYS_PER_CALL = 25;
/** The largest rate the publish route takes either way (minor units per kWh). */
const MAX_RATE = 1_000_000;

const versionRates = (version: Version, currency: string) =>
  [
    version.unitRate !== undefined && `${rate(version.unitRate, currency)}/kWh`,
    version.timeOfUse && `${version.timeOfUse.length} time-of-use band${version.timeOfUse.length === 1 ? '' : 's'}`,
    version.peakTimeMultipliers && 'peak-time multipliers',
    `standing charge ${rate(version.standingChargePerDay ?? 0, currency)}/day`,
  ].filter(Boolean).join(', ');

/**
 * A CSV of half-hour prices, `interval_start,unit_rate` (a header line allowed): the start as ISO 8601 or epoch
 * seconds, on the half hour; the rate in the minor unit per kWh, VAT excluded. Errors name their line.
 */
export function parsePricesCsv(text: string): { prices: PricedHalfHour[] } | { error: string } {
  const parsed = parseSeriesCsv(text, (start, value, line) => {
    const from = start !== undefined && /^\d+$/.test(start) ? Number(start) : Date.parse(start ?? '') / 1000;
    const unitRate = Number(value);
    if (!Number.isInteger(from) || from % HALF_HOUR !== 0) return `line ${line}: the start must be a half hour (:00 or :30), as ISO 8601 or epoch seconds`;
    if (value === undefined || value === '' || !Number.isFinite(unitRate)) return `line ${line}: expected interval_start,unit_rate`;
    if (Math.abs(unitRate) > MAX_RATE) return `line ${line}: ${value} is not a price: at most ${MAX_RATE.toLocaleString('en-GB')} either way`;
    return { from, to: from + HALF_HOUR, unitRate };
  }, { none: 'no prices: paste lines of interval_start,unit_rate', twice: 'a half hour appears twice' });
  return 'error' in parsed ? parsed : { prices: parsed.rows };
}

/**
 * The rows of a two-column CSV of a published series (a header line allowed, blank lines skipped), each made by
 * `row` from its cells or refused with its message; ascending by `from`, each `from` once.
 */
function parseSeriesCsv<T extends { from: number }>(
  text: string,
  row: (first: string | undefined, second: string | undefined, line: number) => T | string,
  messages: { none: string; twice: string },
): { rows: T[] } | { error: string } {
  const rows: T[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || (i === 0 && /^[a-z_]/i.test(line))) continue;
    const [first, second] = line.split(',').map((cell) => cell.trim());
    const made = row(first, second, i + 1);
    if (typeof made === 'string') return { error: made };
    rows.push(made);
  }
  if (rows.length === 0) return { error: messages.none };
  rows.sort((a, b) => a.from - b.from);
  if (rows.some((r, i) => i > 0 && r.from === rows[i - 1]!.from)) return { error: messages.twice };
  return { rows };
}

/** Calls the publish route accepts: at most 1,000 prices and 25 UTC days each. */
function publications(prices: readonly PricedHalfHour[]): PricedHalfHour[][] {
  const calls: PricedHalfHour[][] = [];
  for (const price of prices) {
    const last = calls.at(-1);
    const day = Math.floor(price.from / DAY);
    if (last && last.length < PRICES_PER_CALL && day - Math.floor(last[0]!.from / DAY) < DAYS_PER_CALL) last.push(price);
    else calls.push([price]);
  }
  return calls;
}

/** Price plans: each plan's versions with their dates, a future version, and a dynamic plan's half-hour prices. */
export function pricePlansPage(screen: Screen): HTMLElement[] {
  const status = statusLine('plans-status');
  const list = h('div', {}, h('p', { class: 'loading' }, 'Loading the price plans…'));
  const section = h('section', { class: 'card ops', 'aria-labelledby': 'plans-admin-title' }, h('h1', { id: 'plans-admin-title' }, 'Price plans'), status.element, list);
  const load = async () => {
    try {
      const catalogue = await api<CatalogueAnswer>('/price-plans');
      // Each plan's own document with its ETag: a change is sent for the version shown here, never over another's.
      const documents = await Promise.all(catalogue.pricePlans.map((plan) => apiDocument<PlanDocument>(`/price-plans/${encodeURIComponent(plan.pricePlanId)}`)));
      replace(list, h('p', { class: 'muted' }, `Prices in ${catalogue.currency} minor units per kWh and per day, without VAT (${Math.round(catalogue.vatRate * 100)}% is added to what customers pay).`),
        documents.map(({ body, etag }) => planCard(body, etag, catalogue.currency, status, load)));
    } catch (error) {
      replace(list, screen.problem(error, load));
    }
  };
  void load();
  return [section, calorificValuesCard(status)];
}

/**
 * A CSV of daily gas calorific values, `day,mj_per_m3` (a header line allowed): the UTC day as YYYY-MM-DD, ISO 8601 at
 * midnight or epoch seconds; the value in MJ/m³, 30 to 45. Errors name their line.
 */
export function parseCalorificValuesCsv(text: string): { values: { from: number; mjPerM3: number }[] } | { error: string } {
  const parsed = parseSeriesCsv(text, (day, value, line) => {
    const from = day !== undefined && /^\d+$/.test(day) ? Number(day) : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(day ?? '') ? `${day}T00:00:00Z` : (day ?? '')) / 1000;
    const mjPerM3 = Number(value);
    if (!Number.isInteger(from) || from % DAY !== 0) return `line ${line}: the day must be a UTC day (YYYY-MM-DD, or its midnight)`;
    if (value === undefined || value === '' || !Number.isFinite(mjPerM3) || mjPerM3 < 30 || mjPerM3 > 45) return `line ${line}: expected day,mj_per_m3 with a value from 30 to 45`;
    return { from, mjPerM3 };
  }, { none: 'no values: paste lines of day,mj_per_m3', twice: 'a day appears twice' });
  return 'error' in parsed ? parsed : { values: parsed.rows };
}

/** Gas calorific values: paste or upload the network's daily series, then publish it (25 days a call). */
function calorificValuesCard(status: StatusLine): HTMLElement {
  const text = h('textarea', { id: 'cv-csv', rows: '4', spellcheck: 'false', placeholder: 'day,mj_per_m3\n2026-12-01,39.4' });
  const file = h('input', { id: 'cv-file', type: 'file', accept: '.csv,text/csv' });
  const preview = h('div', { 'aria-live': 'polite', 'data-testid': 'cv-preview' });
  const publish = h('button', { type: 'button', class: 'primary', disabled: true }, 'Publish calorific values…');
  let parsed: { from: number; mjPerM3: number }[] = [];
  const check = () => {
    const result = parseCalorificValuesCsv(text.value);
    publish.disabled = !('values' in result);
    parsed = 'values' in result ? result.values : [];
    replace(preview, 'error' in result ? (text.value.trim() === '' ? '' : h('p', { class: 'problem' }, result.error)) : h('p', {}, `${parsed.length} day${parsed.length === 1 ? '' : 's'}, ${date(parsed[0]!.from)} to ${date(parsed.at(-1)!.from)}; ${Math.min(...parsed.map((v) => v.mjPerM3))} to ${Math.max(...parsed.map((v) => v.mjPerM3))} MJ/m³.`));
  };
  onCsvInput(text, file, check);
  publish.addEventListener('click', () =>
    confirmAction({
      title: `Publish ${parsed.length} days of calorific values?`,
      detail: ['A day still to come takes the value published here; a day that has started keeps its value (the same value again changes nothing, another is refused). Gas on a day without a value stays unconverted until it is published.'],
      confirmLabel: 'Yes, publish',
      run: async () => {
        let published = 0;
        await status.attempt(`Publishing ${parsed.length} calorific values…`, async () => {
          for (let i = 0; i < parsed.length; i += DAYS_PER_CALL) published += (await api<{ published: number }>('/admin/calorific-values', { method: 'PUT', body: { values: parsed.slice(i, i + DAYS_PER_CALL) } })).published;
          return `Done: ${published} of ${parsed.length} days published.`;
        }, () => `Publishing stopped after ${published} days.`);
      },
    }),
  );
  return h('section', { class: 'card ops', 'aria-labelledby': 'cv-title' },
    h('h2', { id: 'cv-title' }, 'Gas calorific values'),
    h('p', { class: 'muted' }, "Gas meters' volumes become kWh with each day's calorific value (kWh = m³ × 1.02264 × CV ÷ 3.6)."),
    h('div', { class: 'stacked' },
      h('label', { for: text.id }, 'Paste a CSV: day,mj_per_m3'), text,
      h('label', { for: file.id }, 'or upload one'), file,
      preview,
      h('div', { class: 'actions' }, publish),
    ),
  );
}

function planCard(plan: PlanDocument, etag: string | undefined, currency: string, status: StatusLine, reload: () => Promise<void>): HTMLElement {
  const id = plan.pricePlanId;
  const versions = h('div', { class: 'table-scroll' }, h('table', { 'data-testid': `versions-${id}` },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'Rates'))),
    h('tbody', {}, plan.rates.map((version) => h('tr', {}, h('td', {}, version.validFrom === 0 ? 'the start' : dateTime(version.validFrom)), h('td', {}, plan.dynamic && version.unitRate === undefined ? `published per half hour; standing charge ${rate(version.standingChargePerDay ?? 0, currency)}/day` : versionRates(version, currency))))),
  ));
  const from = h('input', { id: `version-from-${id}`, type: 'datetime-local', required: true });
  const unitRate = h('input', { id: `version-rate-${id}`, type: 'number', step: 'any', min: '0', required: !plan.dynamic });
  const standing = h('input', { id: `version-standing-${id}`, type: 'number', step: 'any', min: '0', required: true });
  const last = plan.rates.at(-1)!;
  standing.value = String(last.standingChargePerDay ?? 0);
  if (last.unitRate !== undefined) unitRate.value = String(last.unitRate);
  // A time-of-use plan's bands: each band's rate is the operator's to set (the last version's, to start from).
  const bands = (last.timeOfUse ?? []).map((band, i) => {
    const input = h('input', { id: `version-band-${id}-${i}`, type: 'number', step: 'any', min: '0', required: true });
    input.value = String(band.unitRate);
    return { band, input };
  });
  const tomorrow = new Date(Date.now() + DAY * 1000);
  tomorrow.setHours(0, 0, 0, 0);
  from.value = localInputValue(tomorrow.getTime() / 1000);
  const versionForm = h('form', { class: 'stacked' },
    h('h3', {}, 'Add a future version'),
    h('label', { for: from.id }, 'From (your local time)'), from,
    !plan.dynamic && h('label', { for: unitRate.id }, `Unit rate (${currency} minor units per kWh)${bands.length > 0 ? ', outside the bands' : ''}`), !plan.dynamic && unitRate,
    bands.flatMap(({ band, input }) => [h('label', { for: input.id }, `${band.from}–${band.to} band rate (${currency} minor units per kWh)`), input]),
    last.peakTimeMultipliers && h('p', { class: 'muted' }, 'Peak-time multipliers are kept as in the last version.'),
    h('label', { for: standing.id }, `Standing charge (${currency} minor units per day)`), standing,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add version…')),
  );
  versionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const validFrom = secondsOfLocalInput(from);
    if (validFrom === undefined || validFrom <= Date.now() / 1000) return status.say('A new version must start in the future: the past is never repriced.', true);
    const version: Version = plan.dynamic
      ? { validFrom, standingChargePerDay: Number(standing.value) }
      : {
          ...(last.peakTimeMultipliers && { peakTimeMultipliers: last.peakTimeMultipliers }),
          ...(bands.length > 0 && { timeOfUse: bands.map(({ band, input }) => ({ ...band, unitRate: Number(input.value) })) }),
          validFrom,
          unitRate: Number(unitRate.value),
          standingChargePerDay: Number(standing.value),
        };
    confirmAction({
      title: `Add a version to ${id}?`,
      detail: [`From ${dateTime(validFrom)}, ${id} costs ${plan.dynamic ? `its published half-hour prices with a standing charge of ${rate(version.standingChargePerDay ?? 0, currency)}/day` : versionRates(version, currency)}. It holds until the next version, if one is scheduled later; every other version stays as it is.`],
      confirmLabel: 'Yes, add it',
      run: async () => {
        status.say(`Adding a version to ${id}…`);
        try {
          const rates = [...plan.rates.filter((r) => r.validFrom !== validFrom), version].sort((a, b) => a.validFrom - b.validFrom);
          // Sent for the document shown (If-Match): if someone changed the plan since, the API refuses (409) and
          // nothing of theirs is lost; reload to see their change, then add the version to it.
          await api(`/admin/price-plans/${encodeURIComponent(id)}`, { method: 'PUT', body: { ...plan, rates }, ifMatch: etag });
          await reload();
          status.say(`Done: ${id} has a new version from ${dateTime(validFrom)}.`);
        } catch (error) {
          const stale = error instanceof ApiError && (error.status === 409 || error.status === 428) && /changed|If-Match/.test(error.message);
          status.say(
            stale
              ? [h('span', {}, `The version was not added: ${id} was changed by someone else since this page loaded. `), h('button', { type: 'button', 'data-testid': 'reload-plans', onclick: () => void reload().then(() => status.say('Reloaded: the plans as they are now.')) }, 'Reload the plans')]
              : `The version was not added. ${explainProblem(error)}`,
            true,
          );
        }
      },
    });
  });
  return h('article', { class: 'plan-admin', 'aria-labelledby': `plan-${id}` },
    h('h2', { id: `plan-${id}` }, id, h('span', { class: 'muted' }, ` ${plan.supplier}${plan.dynamic ? ' · dynamic' : ''}`)),
    versions,
    h('div', { class: 'action-grid' }, versionForm, plan.dynamic && pricesForm(id, currency, status)),
  );
}

/** A dynamic plan's half-hour prices: paste or upload a CSV, see them charted, then publish. */
function pricesForm(id: string, currency: string, status: StatusLine): HTMLElement {
  const text = h('textarea', { id: `prices-${id}`, rows: '5', spellcheck: 'false', placeholder: 'interval_start,unit_rate\n2026-12-04T00:00:00Z,21.5' });
  const file = h('input', { id: `prices-file-${id}`, type: 'file', accept: '.csv,text/csv' });
  const preview = h('div', { 'aria-live': 'polite', 'data-testid': `prices-preview-${id}` });
  const publish = h('button', { type: 'button', class: 'primary', disabled: true }, 'Publish prices…');
  let parsed: PricedHalfHour[] = [];
  const check = () => {
    const result = parsePricesCsv(text.value);
    publish.disabled = !('prices' in result);
    if ('error' in result) {
      parsed = [];
      replace(preview, text.value.trim() === '' ? '' : h('p', { class: 'problem' }, result.error));
      return;
    }
    parsed = result.prices;
    replace(preview,
      h('p', {}, `${parsed.length} half hour${parsed.length === 1 ? '' : 's'}, ${when(parsed[0]!.from)} to ${when(parsed.at(-1)!.to)}; from ${rate(Math.min(...parsed.map((p) => p.unitRate)), currency)} to ${rate(Math.max(...parsed.map((p) => p.unitRate)), currency)}/kWh.`),
      priceBars(parsed, new Set(), currency, `The ${parsed.length} half-hour prices to publish for ${id}`),
    );
  };
  onCsvInput(text, file, check);
  publish.addEventListener('click', () =>
    confirmAction({
      title: `Publish ${parsed.length} half-hour prices for ${id}?`,
      detail: [`From ${when(parsed[0]!.from)} to ${when(parsed.at(-1)!.to)}. A half hour still to come takes the price published here, replacing one published before; a half hour that has started keeps its price (the same price again changes nothing, another is refused).`],
      confirmLabel: 'Yes, publish',
      run: async () => {
        let published = 0;
        await status.attempt(`Publishing ${parsed.length} prices for ${id}…`, async () => {
          for (const batch of publications(parsed)) {
            const answer = await api<{ published: number }>(`/admin/price-plans/${encodeURIComponent(id)}/prices`, { method: 'PUT', body: { prices: batch.map(({ from, unitRate }) => ({ from, unitRate })) } });
            published += answer.published;
          }
          return `Done: ${published} of ${parsed.length} half-hour prices published for ${id}.`;
        }, () => `Publishing stopped after ${published} prices.`);
      },
    }),
  );
  return h('div', { class: 'stacked' },
    h('h3', {}, 'Publish half-hour prices'),
    h('label', { for: text.id }, 'Paste a CSV: interval_start,unit_rate (minor units per kWh, without VAT)'), text,
    h('label', { for: file.id }, 'or upload one'), file,
    preview,
    h('div', { class: 'actions' }, publish),
  );
}

/** A CSV pasted into `text` or uploaded with `file`: `check` runs on each change, the file's text shown where pasted. */
function onCsvInput(text: HTMLTextAreaElement, file: HTMLInputElement, check: () => void): void {
  text.addEventListener('input', check);
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    text.value = await chosen.text();
    check();
  });
}

