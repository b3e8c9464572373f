import { MeterPathSchema, UsageQuerySchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { timeRange } from '../shared/http/query-ranges.js';
import { pathParameters, queryParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /usage/{smartMeterId}?from&to&groupBy&tz: energy (kWh) per calendar period. */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  const query = queryParameters(event, UsageQuerySchema);
  return { body: await energyService().usage(smartMeterId, timeRange(query), query.groupBy, query.tz) };
});
