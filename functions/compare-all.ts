import { toEntries } from '../shared/domain/costing.js';
import { MeterPathSchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { pathParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /price-plans/compare-all/{smartMeterId}: the meter's plan and its usage costed under every plan. */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  const { pricePlanId, costs } = await energyService().compareAll(smartMeterId);
  return { body: { pricePlanId, pricePlanComparisons: toEntries(costs) } };
});
