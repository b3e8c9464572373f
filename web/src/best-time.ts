import { api, meterPath, type Account, type CarbonIntensity, type CatalogueAnswer, type LoadShift, type PlanPrices, type WindowAnswer } from './api.js';
import { h, replace } from './dom.js';
import { money, rate, timeZone } from './format.js';
import { clock, halfHourOf, halfHoursOf, priceBars, when } from './price-chart.js';

const HOURS = [1, 2, 3, 4, 5, 6];

/** Where the grid publishes carbon intensity for the next day: its bars (the chosen run marked) and its cleanest half hour. */
function carbonChart(intensity: CarbonIntensity['intensity'], marked: ReadonlySet<number>): HTMLElement[] {
  if (intensity.length === 0) return [];
  const slots = intensity.map((i) => ({ from: i.from, to: i.to, unitRate: i.gCO2PerKWh }));
  const cleanest = slots.reduce((a, b) => (b.unitRate < a.unitRate ? b : a));
  return [
    h('h3', {}, 'Carbon intensity of the grid'),
    h('p', { 'data-testid': 'cleanest-half-hour' }, `Cleanest half hour: ${when(cleanest.from)} (${Math.round(cleanest.unitRate)} gCO₂/kWh).`),
    priceBars(slots, marked, '', 'Carbon intensity for the next 24 hours, gCO2 per kWh', (g) => `${Math.round(g)} gCO₂/kWh`),
  ];
}
const DAY = 86_400;
/** Days of readings from which a saving is scaled up to a year (the savings sentence's rule). */
export const MIN_DAYS_FOR_A_YEARLY_FIGURE = 28;

/**
 * "Best time to use energy": the next 24 hours of the customer's plan prices as a chart with the cheapest run of the
 * chosen length marked (the API's cheapest-window answer), and what moving a fifth of each day's use to cheap hours
 * would have saved (the API's load-shift answer).
 */
export function bestTime(smartMeterId: string): HTMLElement {
  const duration = h('select', { id: 'window-hours' }, HOURS.map((n) => h('option', { value: String(n), ...(n === 3 && { selected: true }) }, `${n} hour${n === 1 ? '' : 's'}`)));
  const body = h('div', { class: 'best-time-body', 'aria-live': 'polite' });
  const shift = h('p', { 'data-testid': 'load-shift' });
  const section = h('section', { class: 'card best-time', 'aria-labelledby': 'best-time-title' },
    h('h2', { id: 'best-time-title' }, 'Best time to use energy'),
    h('div', { class: 'controls' }, h('label', { for: 'window-hours' }, 'I need'), duration),
    body,
    shift,
  );
  let latest = 0;
  const load = async () => {
    const mine = ++latest;
    section.setAttribute('aria-busy', 'true');
    replace(body, h('p', { class: 'loading' }, 'Finding the cheapest time…'));
    try {
      const from = Math.floor(Date.now() / 1000);
      const query = `from=${from}&to=${from + DAY}&duration=${Number(duration.value) * 3600}`;
      const window = await api<WindowAnswer>(`/advice/${meterPath(smartMeterId)}/cheapest-window?${query}`);
      const [{ prices }, { vatRate }, { intensity }] = await Promise.all([
        api<PlanPrices>(`/price-plans/${encodeURIComponent(window.pricePlanId)}/prices?from=${halfHourOf(from)}&to=${from + DAY}`),
        api<CatalogueAnswer>('/price-plans'),
        api<CarbonIntensity>(`/carbon-intensity?from=${halfHourOf(from)}&to=${from + DAY}`),
      ]);
      if (mine !== latest) return;
      // The chart shows what the customer pays: published rates are without VAT.
      const chart = halfHoursOf(prices, from, from + DAY).map((p) => ({ ...p, unitRate: p.unitRate * (1 + vatRate) }));
      const marked = new Set(window.slots.map((s) => s.from));
      const sentence =
        window.status === 'ok'
          ? `Cheapest ${duration.value} hour${duration.value === '1' ? '' : 's'} in the next day on ${window.pricePlanId}: ${when(window.slots[0]!.from)}–${clock.format(window.slots.at(-1)!.to * 1000)}, at ${rate(window.averageRate!, window.currency)}/kWh on average.`
          : window.status === 'rates_incomplete'
            ? `${window.pricePlanId}'s prices from ${when(window.missing!.from)} are not published yet, so we will not guess: ask again after they are (usually in the afternoon).`
            : `No ${duration.value}-hour stretch fits in the next day.`;
      replace(body,
        h('p', { 'data-testid': 'best-window', 'data-status': window.status, 'data-query': query }, sentence),
        chart.length > 0 ? priceBars(chart, marked, window.currency, `Your plan's prices for the next 24 hours; the cheapest ${duration.value} hours are marked`) : '',
        h('p', { class: 'muted' }, `${timeZone} time; prices include VAT; marked bars are the cheapest run.`),
        ...carbonChart(intensity, marked),
      );
    } catch {
      if (mine === latest) replace(body, h('p', { class: 'empty' }, 'We could not work out the best time just now.'));
    } finally {
      if (mine === latest) section.setAttribute('aria-busy', 'false');
    }
  };
  const loadShift = async () => {
    try {
      const [answer, account] = await Promise.all([api<LoadShift>(`/advice/${meterPath(smartMeterId)}/load-shift?share=0.2`), api<Account>(`/accounts/${meterPath(smartMeterId)}`)]);
      const days = Math.round((answer.to - answer.from) / DAY);
      // A year's figure only from four weeks of readings, as the savings sentence does: a week says little about winter.
      const yearly = (saving: number) => (days >= MIN_DAYS_FOR_A_YEARLY_FIGURE ? ` (about ${money((saving * 365) / days, answer.currency)} a year)` : '');
      const over = `over your last ${days} day${days === 1 ? '' : 's'} of readings`;
      // The customer's own plan first: a saving on another plan is named as that plan's, never as theirs.
      const own = answer.plans.find((p) => p.pricePlanId === account.pricePlanId);
      const best = answer.plans.filter((p) => p !== own).reduce<LoadShift['plans'][number] | undefined>((a, b) => (!a || b.saving > a.saving ? b : a), undefined);
      const elsewhere = best && best.saving >= 1 ? ` On ${best.pricePlanId}, another plan whose price changes through the day, it would have saved ${money(best.saving, answer.currency)}.` : '';
      shift.textContent =
        own === undefined
          ? `Your plan's prices are not all published yet, so we cannot say what moving use would save on it.${elsewhere}`
          : own.saving >= 1
            ? `Moving a fifth of each day's use from its dearest to its cheapest half hours would have saved you ${money(own.saving, answer.currency)} on your plan, ${own.pricePlanId}, ${over}${yearly(own.saving)}.`
            : `On your plan, ${own.pricePlanId}, the price is the same all day, so moving use to other hours saves nothing.${elsewhere}`;
    } catch {
      shift.textContent = '';
    }
  };
  duration.addEventListener('change', () => void load());
  void load();
  void loadShift();
  return section;
}
