import { directionOf, type Catalogue } from '../shared/domain/price-plans.js';
import type { HalfHourValue } from '../shared/domain/published-prices.js';
import { DAY_SECONDS, dayOf, HALF_HOUR_SECONDS } from '../shared/domain/time.js';
import { CALORIFIC_VALUE_SERIES, pricesSeries, type PricePlansStore } from '../shared/ports/price-plans-store.js';
import { MAX_DAYS_PER_PUBLICATION, publishHalfHours } from '../shared/services/half-hour-publishing.js';

/**
 * A dynamic plan's half-hour price (pence per kWh, without VAT) as a pure function of time, so every start publishes
 * the same values (a started half hour keeps its price: republishing it is a no-op). Shaped like Agile: cheap and
 * sometimes negative in the small hours, dearest 16:00–19:00 UTC, a little cheaper at weekends.
 */
export function demoPrice(from: number): number {
  const hour = (from % DAY_SECONDS) / 3600;
  const weekday = new Date(from * 1000).getUTCDay();
  const wobble = Math.sin(from / 9_973) * 2.5 + Math.sin(from / 31_337) * 1.5;
  const peak = hour >= 16 && hour < 19 ? 14 : 0;
  const night = hour >= 1 && hour < 5 ? -9 : 0;
  const weekend = weekday === 0 || weekday === 6 ? -2 : 0;
  return Math.round((17 + 6 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + peak + night + weekend + wobble) * 100) / 100;
}

/**
 * A dynamic export plan's half-hour price (pence paid per kWh, no VAT): the import price's wholesale shape × 0.8 less
 * 3p, so dearest 16:00–19:00 and below zero on some nights (a negative export price pays nothing when costed).
 */
export function demoExportPrice(from: number): number {
  return Math.round((demoPrice(from) * 0.8 - 3) * 100) / 100;
}

/** Half hours of [from, to) (whole UTC days), valued by `valueAt`, in publications of at most 960 (20 days). */
export function* halfHourBlocks(from: number, to: number, valueAt: (t: number) => number): Generator<HalfHourValue[]> {
  const start = dayOf(from);
  for (let block = start; block < to; block += 20 * DAY_SECONDS) {
    const values: HalfHourValue[] = [];
    for (let t = block; t < Math.min(to, block + 20 * DAY_SECONDS); t += HALF_HOUR_SECONDS) values.push({ from: t, value: valueAt(t) });
    yield values;
  }
}

/**
 * Publishes generated prices for every dynamic plan of the catalogue over [from, to), as an operator's
 * `PUT …/prices` would. Returns how many half hours were new or changed.
 */
export async function publishDemoPrices(store: PricePlansStore, catalogue: Catalogue, from: number, to: number, now: number): Promise<number> {
  let changed = 0;
  for (const plan of catalogue.pricePlans.filter((p) => p.dynamic)) {
    const priceAt = directionOf(plan) === 'export' ? demoExportPrice : demoPrice;
    for (const values of halfHourBlocks(from, to, priceAt)) changed += await publishHalfHours(store, pricesSeries(plan.pricePlanId), values, now, 'price');
  }
  return changed;
}

/** The demo's gas calorific value (MJ/m³): the same every day, near what GB networks publish in winter. */
export const DEMO_CALORIFIC_VALUE = 39.2;

/** Publishes a calorific value (the demo's, unless given) for every UTC day of [from, to), as a network's daily publication would. */
export async function publishDemoCalorificValues(store: PricePlansStore, from: number, to: number, now: number, mjPerM3 = DEMO_CALORIFIC_VALUE): Promise<number> {
  const days: HalfHourValue[] = [];
  for (let day = dayOf(from); day < to; day += DAY_SECONDS) days.push({ from: day, value: mjPerM3 });
  let changed = 0;
  for (let i = 0; i < days.length; i += MAX_DAYS_PER_PUBLICATION) changed += await publishHalfHours(store, CALORIFIC_VALUE_SERIES, days.slice(i, i + MAX_DAYS_PER_PUBLICATION), now, 'calorific value');
  return changed;
}

