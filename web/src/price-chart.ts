import { api, type PlanPrices, type PlanSummary, type SavingsReport } from './api.js';
import { h, replace } from './dom.js';
import { rate, timeZone } from './format.js';

/** How many of the coming half hours are marked as the cheapest (a dishwasher's or a car's few hours). */
const CHEAPEST_MARKED = 6;
const SVG = 'http://www.w3.org/2000/svg';
const HALF_HOUR = 1800;
/** The start of the UTC half hour an instant falls in (the app takes only types from shared/, so its own copy). */
export const halfHourOf = (time: number) => time - (time % HALF_HOUR);

export const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
export const dayName = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'short', timeZone });
export const when = (time: number) => `${dayName.format(time * 1000)} ${clock.format(time * 1000)}`;

/** A rate per half hour: `/prices` answers stretches of constant rate (a whole day for a flat plan), cut here. */
export interface PricedHalfHour {
  from: number;
  to: number;
  unitRate: number;
}
export function halfHoursOf(prices: readonly PricedHalfHour[], from = -Infinity, to = Infinity): PricedHalfHour[] {
  const out: PricedHalfHour[] = [];
  for (const p of prices) {
    for (let t = Math.max(p.from, halfHourOf(from)); t < Math.min(p.to, to); t += HALF_HOUR) out.push({ from: t, to: t + HALF_HOUR, unitRate: p.unitRate });
  }
  return out;
}

function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Half-hour values as bars (zero as the baseline, so negative prices hang below it); `marked` ones highlighted. */
export function priceBars(slots: readonly PricedHalfHour[], marked: ReadonlySet<number>, currency: string, label: string, show = (value: number) => `${rate(value, currency)}/kWh`): HTMLElement {
  const now = Date.now() / 1000;
  const [low, high] = [Math.min(0, ...slots.map((p) => p.unitRate)), Math.max(0, ...slots.map((p) => p.unitRate))];
  const [width, height] = [slots.length * 8, 120];
  const y = (value: number) => height - ((value - low) / (high - low || 1)) * height;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', class: 'price-bars', role: 'img', 'aria-label': label });
  slots.forEach((p, i) => {
    const [top, bottom] = [Math.min(y(p.unitRate), y(0)), Math.max(y(p.unitRate), y(0))];
    const bar = svg('rect', { x: i * 8 + 1, y: top, width: 6, height: Math.max(1, bottom - top), class: marked.has(p.from) ? 'cheapest' : p.to <= now ? 'past' : '' });
    const title = svg('title', {});
    title.textContent = `${clock.format(p.from * 1000)}: ${show(p.unitRate)}`;
    bar.append(title);
    chart.append(bar);
  });
  return h('div', { class: 'price-chart-plot' }, chart as unknown as HTMLElement);
}

/**
 * A dynamic plan's half-hour prices for today and tomorrow (VAT included), as bars; the cheapest coming half hours
 * are marked and named, so a household can see when to run the washing machine. Half hours not published yet are
 * simply absent (tomorrow's arrive in the afternoon).
 */
export function dynamicPrices(plan: PlanSummary, report: Pick<SavingsReport, 'currency' | 'vatRate'>): HTMLElement {
  const body = h('div', { class: 'price-chart-body' }, h('p', { class: 'loading' }, 'Loading prices…'));
  const section = h('div', { class: 'period price-chart', 'data-plan-prices': plan.pricePlanId }, h('h3', {}, `${plan.pricePlanId}: prices today and tomorrow`), body);
  void (async () => {
    try {
      const { prices } = await api<PlanPrices>(`/price-plans/${encodeURIComponent(plan.pricePlanId)}/prices`);
      const shown = prices.map((p) => ({ ...p, unitRate: p.unitRate * (1 + report.vatRate) }));
      if (shown.length === 0) {
        replace(body, h('p', { class: 'empty' }, 'No prices are published for today or tomorrow yet.'));
        return;
      }
      const now = Date.now() / 1000;
      const coming = shown.filter((p) => p.to > now);
      const cheapest = new Set([...coming].sort((a, b) => a.unitRate - b.unitRate || a.from - b.from).slice(0, CHEAPEST_MARKED).map((p) => p.from));
      const marked = coming.filter((p) => cheapest.has(p.from));
      replace(
        body,
        h('p', { 'data-testid': 'cheapest-half-hours' }, marked.length > 0
          ? `Cheapest coming half hours: ${marked.map((p) => `${when(p.from)} (${rate(p.unitRate, report.currency)})`).join(', ')}.`
          : 'Every published half hour has passed; the next prices are published in the afternoon.'),
        priceBars(shown, cheapest, report.currency, `Half-hour prices of ${plan.pricePlanId}; the cheapest coming half hours are marked`),
        h('p', { class: 'muted' }, `${when(shown[0]!.from)} to ${when(shown.at(-1)!.to)}, ${timeZone} time, VAT included; marked bars are the cheapest.`),
      );
    } catch {
      replace(body, h('p', { class: 'empty' }, 'Prices could not be loaded just now.'));
    }
  })();
  return section;
}
