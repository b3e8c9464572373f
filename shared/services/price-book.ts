import type { Market } from '../domain/price-plan-catalogue.js';
import { plansOf, type Catalogue, type PricePlan } from '../domain/price-plans.js';
import { dayRange, halfHourPrices } from '../domain/published-prices.js';
import type { HalfHourPrices } from '../domain/tariff.js';
import { DAY_SECONDS, type Span } from '../domain/time.js';
import { PricePlanNotFoundError } from '../errors.js';
import { pricesSeries, type PricePlansReader } from '../ports/price-plans-store.js';

/** The catalogue and, for its dynamic plans, the prices published over the stretches being priced. */
export interface PriceBook extends Catalogue {
  pricesOf(pricePlanId: string): HalfHourPrices;
}

/** Stretches this close together are read in one query: a fragmented history costs a few reads, not one per gap. */
const JOIN_WITHIN_SECONDS = 31 * DAY_SECONDS;

/** Which plans a price book holds: those named, or those of a market (a meter is priced only on plans of its own). */
export type PlanSelection = ReadonlySet<string> | Market;

/** The price book for pricing energy over `spans` (sorted): the selected plans, dynamic ones' prices read only there. */
export async function priceBook(reader: PricePlansReader, spans: readonly Span[], only: PlanSelection): Promise<PriceBook> {
  const catalogue = await reader.catalogue();
  const plans = only instanceof Set ? catalogue.pricePlans.filter((p) => only.has(p.pricePlanId)) : plansOf(catalogue, (only as Market).direction, (only as Market).fuel);
  const reads: Span[] = [];
  for (const run of spans) {
    const last = reads.at(-1);
    if (last && run.from - last.to <= JOIN_WITHIN_SECONDS) last.to = Math.max(last.to, run.to);
    else reads.push({ ...run });
  }
  const prices = new Map<string, HalfHourPrices>();
  await Promise.all(
    plans
      .filter((plan) => plan.dynamic)
      .map(async (plan) => {
        const merged = new Map<number, number>();
        for (const span of reads) {
          const { firstDay, lastDay } = dayRange(span);
          for (const [from, rate] of halfHourPrices(await reader.halfHourDays(pricesSeries(plan.pricePlanId), firstDay, lastDay), span)) merged.set(from, rate);
        }
        prices.set(plan.pricePlanId, merged);
      }),
  );
  return { ...catalogue, pricePlans: plans, pricesOf: (id) => prices.get(id) ?? new Map() };
}

/** The plan of the catalogue with this id, or undefined. */
export function planNamed(catalogue: Catalogue, pricePlanId: string): PricePlan | undefined {
  return catalogue.pricePlans.find((p) => p.pricePlanId === pricePlanId);
}

/** The plan a request names; 404 when the catalogue has none. */
export function knownPlan(catalogue: Catalogue, pricePlanId: string): PricePlan {
  const plan = planNamed(catalogue, pricePlanId);
  if (!plan) throw new PricePlanNotFoundError(pricePlanId);
  return plan;
}
