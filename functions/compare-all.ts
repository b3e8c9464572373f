import { toEntries } from '../shared/domain/costing.js';
import { CompareQuerySchema, MeterPathSchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { timeRange } from '../shared/http/query-ranges.js';
import { pathParameters, queryParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /price-plans/compare-all/{smartMeterId}?from&to: the meter's plan and its usage costed under every plan. */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  const range = timeRange(queryParameters(event, CompareQuerySchema));
  const { pricePlanId, costs } = await energyService().compareAll(smartMeterId, range);
  return { body: { pricePlanId, pricePlanComparisons: toEntries(costs) } };
});
