import { vatRateOf, withVat } from '../domain/price-plans.js';
import { cutAtHalfHours, HALF_HOUR_SECONDS, halfHourOf, mergeSpans } from '../domain/time.js';
import { dayRange, halfHourPrices } from '../domain/published-prices.js';
import { rateSegmentsOver } from '../domain/tariff.js';
import { CARBON_INTENSITY_SERIES, type PricePlansReader } from '../ports/price-plans-store.js';
import { knownPlan, priceBook } from './price-book.js';

/**
 * A plan's unit rate (VAT included) in each half hour starting at `starts` (sorted): the time-weighted mean of the
 * rates in force inside it (versions, bands, multipliers, published prices: the engine that prices costs); undefined
 * where any part of the half hour has no price. 404 for an unknown plan.
 */
export async function halfHourRates(reader: PricePlansReader, pricePlanId: string, starts: readonly number[]): Promise<{ currency: string; rates: (number | undefined)[] }> {
  if (starts.length === 0) return { currency: (await reader.catalogue()).currency, rates: [] };
  const span = { from: starts[0]!, to: starts.at(-1)! + HALF_HOUR_SECONDS };
  const book = await priceBook(reader, [span], new Set([pricePlanId]));
  const plan = knownPlan(book, pricePlanId);
  // One pass over the segments (each inside one half hour once cut), not a search per half hour: a year is 17,568.
  const runs = mergeSpans(starts.map((from) => ({ from, to: from + HALF_HOUR_SECONDS })));
  const weighted = new Map<number, number | undefined>();
  for (const s of cutAtHalfHours(rateSegmentsOver(plan, runs, book.pricesOf(pricePlanId)))) {
    const start = halfHourOf(s.from);
    const sum = weighted.has(start) ? weighted.get(start) : 0;
    weighted.set(start, sum === undefined || s.rate === undefined ? undefined : sum + s.rate * (s.to - s.from));
  }
  const rates = starts.map((from) => {
    const sum = weighted.get(from);
    return sum === undefined ? undefined : withVat(sum / HALF_HOUR_SECONDS, vatRateOf(plan, book.vatRate));
  });
  return { currency: book.currency, rates };
}

/** The published carbon intensity (gCO2/kWh) of the half hours of [from, to), by half-hour start. */
export async function carbonIntensity(reader: PricePlansReader, from: number, to: number): Promise<Map<number, number>> {
  if (to <= from) return new Map();
  const { firstDay, lastDay } = dayRange({ from, to });
  return halfHourPrices(await reader.halfHourDays(CARBON_INTENSITY_SERIES, firstDay, lastDay), { from, to });
}
