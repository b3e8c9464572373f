import { toEntries } from '../shared/domain/costing.js';
import { routeHandler } from '../shared/http/route-handler.js';

/** GET /price-plans/recommend/{smartMeterId}?limit&from&to: the cheapest plans for the meter's usage. */
export const handler = routeHandler('recommendPricePlans', async ({ path, query }, service) => ({
  body: toEntries(await service.recommend(path.smartMeterId, query, query.limit)),
}));
