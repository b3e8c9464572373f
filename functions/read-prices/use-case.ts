import { todayAndTomorrow, type TimeRange } from '../../shared/domain/time.js';
import { priceSegmentsOver } from '../../shared/domain/tariff.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { knownPlan, priceBook } from '../../shared/services/price-book.js';
import type { PlanPrices } from './docs.js';

/**
 * A plan's unit rates over [from, to) (default: today and tomorrow, UTC), without VAT, ascending: a dynamic plan's
 * published half hours (those not published yet are left out), or a fixed plan's rates as its versions and bands set
 * them, each stretch as long as the rate holds. An export plan answers what it pays, as published.
 */
export async function readPrices(deps: { pricePlans: PricePlansReader; now: () => number }, pricePlanId: string, range: TimeRange): Promise<PlanPrices> {
  const span = todayAndTomorrow(range, deps.now());
  const book = await priceBook(deps.pricePlans, [span], new Set([pricePlanId]));
  const plan = knownPlan(book, pricePlanId);
  const prices: PlanPrices['prices'] = [];
  for (const segment of priceSegmentsOver(plan, [span], book.pricesOf(pricePlanId))) {
    if (segment.rate === undefined) continue;
    const last = prices.at(-1);
    if (!plan.dynamic && last && last.to === segment.from && last.unitRate === segment.rate) last.to = segment.to;
    else prices.push({ from: segment.from, to: segment.to, unitRate: segment.rate });
  }
  return { pricePlanId, currency: book.currency, prices };
}
