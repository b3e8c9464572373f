import { toEntries } from '../shared/domain/costing.js';
import { MeterPathSchema, RecommendQuerySchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { pathParameters, queryParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /price-plans/recommend/{smartMeterId}?limit=N: the cheapest plans for the meter's usage. */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  const { limit } = queryParameters(event, RecommendQuerySchema);
  const costs = await energyService().recommend(smartMeterId, limit === undefined ? undefined : Number(limit));
  return { body: toEntries(costs) };
});
