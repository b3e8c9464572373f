import { toEntries } from '../shared/domain/costing.js';
import { routeHandler } from '../shared/http/route-handler.js';

/** GET /price-plans/compare-all/{smartMeterId}?from&to: the meter's plan and its usage costed under every plan. */
export const handler = routeHandler('compareAllPricePlans', async ({ path, query }, service) => {
  const { pricePlanId, costs } = await service.compareAll(path.smartMeterId, query);
  return { body: { pricePlanId, pricePlanComparisons: toEntries(costs) } };
});
