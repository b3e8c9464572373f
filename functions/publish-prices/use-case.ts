import type { HalfHourValue } from '../../shared/domain/published-prices.js';
import { ConflictError, PricePlanNotFoundError } from '../../shared/errors.js';
import { pricesSeries, type PricePlansStore } from '../../shared/ports/price-plans-store.js';
import { publishHalfHours } from '../../shared/services/half-hour-publishing.js';
import type { PublishedPrices } from './docs.js';

export interface PublishPricesDeps {
  pricePlans: PricePlansStore;
  now: () => number;
  changed: () => void;
}

/**
 * Publishes a dynamic plan's half-hour prices. A half hour that has started keeps its price (the same value again is
 * a no-op; another value is a 409); later ones are replaced. A publication lands whole or not at all.
 */
export async function publishPrices(deps: PublishPricesDeps, pricePlanId: string, prices: readonly { from: number; unitRate: number }[]): Promise<PublishedPrices> {
  const stored = await deps.pricePlans.plan(pricePlanId);
  if (!stored) throw new PricePlanNotFoundError(pricePlanId);
  if (!stored.value.dynamic) throw new ConflictError(`price plan '${pricePlanId}' is not dynamic: its unit rates are in its versions (PUT /admin/price-plans/${pricePlanId})`);
  const values: HalfHourValue[] = prices.map(({ from, unitRate }) => ({ from, value: unitRate }));
  await publishHalfHours(deps.pricePlans, pricesSeries(pricePlanId), values, deps.now(), 'price');
  deps.changed();
  return { pricePlanId, published: prices.length };
}
