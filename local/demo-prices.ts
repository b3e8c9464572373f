import { HALF_HOUR_SECONDS, type Catalogue } from '../shared/domain/price-plans.js';
import { mergePrices, type PublishedPrice } from '../shared/domain/published-prices.js';
import { DAY_SECONDS } from '../shared/domain/time.js';
import type { PricePlansStore } from '../shared/ports/price-plans-store.js';

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
 * Publishes generated prices for every dynamic plan of the catalogue over [from, to) (whole UTC days), at most 1,000
 * half hours per write, as an operator's `PUT …/prices` would. Returns how many half hours were new or changed.
 */
export async function publishDemoPrices(store: PricePlansStore, catalogue: Catalogue, from: number, to: number, now: number): Promise<number> {
  let changed = 0;
  const start = from - (from % DAY_SECONDS);
  for (const plan of catalogue.pricePlans.filter((p) => p.dynamic)) {
    for (let dayBlock = start; dayBlock < to; dayBlock += 20 * DAY_SECONDS) {
      const prices: PublishedPrice[] = [];
      for (let t = dayBlock; t < Math.min(to, dayBlock + 20 * DAY_SECONDS); t += HALF_HOUR_SECONDS) prices.push({ from: t, unitRate: demoPrice(t) });
      const days = [...new Set(prices.map((p) => p.from - (p.from % DAY_SECONDS)))];
      const stored = await store.priceDaysForUpdate(plan.pricePlanId, days);
      const merged = mergePrices(new Map([...stored].map(([day, { value }]) => [day, value])), prices, now);
      await store.savePriceDays(plan.pricePlanId, [...merged].map(([day, slots]) => ({ day, prices: slots, revision: stored.get(day)?.revision })));
      for (const [day, slots] of merged) changed += slots.filter((p, i) => p !== (stored.get(day)?.value[i] ?? null)).length;
    }
  }
  return changed;
}
