import { MeterPathSchema, UsageCostQuerySchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { costPeriod } from '../shared/http/query-ranges.js';
import { pathParameters, queryParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /usage/{smartMeterId}/cost?period=last-week|last-7-days (or from&to), at, tz: usage cost under the current plan. */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  const period = costPeriod(queryParameters(event, UsageCostQuerySchema), Math.floor(Date.now() / 1000));
  return { body: await energyService().usageCost(smartMeterId, period) };
});
