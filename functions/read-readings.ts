import { MeterPathSchema, ReadingsQuerySchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { timeRange } from '../shared/http/query-ranges.js';
import { pathParameters, queryParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /readings/read/{smartMeterId}?from&to&limit: readings ascending by time, a page at a time (Link: rel="next"). */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  const query = queryParameters(event, ReadingsQuerySchema);
  const page = await energyService().readReadings(smartMeterId, timeRange(query), query.limit);
  if (page.next === undefined) return { body: page.readings };
  const next = new URLSearchParams(event.queryStringParameters as Record<string, string> | undefined);
  next.set('from', String(page.next));
  return { body: page.readings, headers: { link: `<${event.rawPath}?${next}>; rel="next"` } };
});
