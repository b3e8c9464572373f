import { dayOf, mergePrices, type PublishedPrice } from '../../shared/domain/published-prices.js';
import { ConflictError, PricePlanNotFoundError } from '../../shared/errors.js';
import type { PricePlansStore } from '../../shared/ports/price-plans-store.js';
import type { PublishedPrices } from './docs.js';

export interface PublishPricesDeps {
  pricePlans: PricePlansStore;
  now: () => number;
  changed: () => void;
}

/** Attempts when another publication changes the same days meanwhile, before answering 409. */
const PUBLISH_ATTEMPTS = 3;

/**
 * Publishes a dynamic plan's half-hour prices. A half hour that has started keeps its price (the same value again is
 * a no-op; another value is a 409); later ones are replaced. All the days change in one transaction, conditional on
 * what was read: a publication lands whole or not at all.
 */
export async function publishPrices(deps: PublishPricesDeps, pricePlanId: string, prices: readonly PublishedPrice[]): Promise<PublishedPrices> {
  const stored = await deps.pricePlans.plan(pricePlanId);
  if (!stored) throw new PricePlanNotFoundError(pricePlanId);
  if (!stored.value.dynamic) throw new ConflictError(`price plan '${pricePlanId}' is not dynamic: its unit rates are in its versions (PUT /admin/price-plans/${pricePlanId})`);
  const days = [...new Set(prices.map((p) => dayOf(p.from)))];
  for (let attempt = 1; ; attempt++) {
    const read = await deps.pricePlans.priceDaysForUpdate(pricePlanId, days);
    const merged = mergePrices(new Map([...read].map(([day, { value }]) => [day, value])), prices, deps.now());
    try {
      await deps.pricePlans.savePriceDays(pricePlanId, [...merged].map(([day, slots]) => ({ day, prices: slots, revision: read.get(day)?.revision })));
      break;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= PUBLISH_ATTEMPTS) throw error;
    }
  }
  deps.changed();
  return { pricePlanId, published: prices.length };
}
