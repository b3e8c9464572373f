import { toEntries } from '../shared/domain/costing.js';
import { MeterPathSchema, RecommendQuerySchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { timeRange } from '../shared/http/query-ranges.js';
import { pathParameters, queryParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /price-plans/recommend/{smartMeterId}?limit&from&to: the cheapest plans for the meter's usage. */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  const query = queryParameters(event, RecommendQuerySchema);
  const costs = await energyService().recommend(smartMeterId, query.limit, timeRange(query));
  return { body: toEntries(costs) };
});
