import { routeHandler } from '../shared/http/route-handler.js';

/** GET /readings/read/{smartMeterId}?from&to&limit: readings ascending by time, a page at a time (Link: rel="next"). */
export const handler = routeHandler('readReadings', async ({ path, query, event }, service) => {
  const page = await service.readReadings(path.smartMeterId, query, query.limit);
  if (page.next === undefined) return { body: page.readings };
  const next = new URLSearchParams(event.queryStringParameters as Record<string, string> | undefined);
  next.set('from', String(page.next));
  return { body: page.readings, headers: { link: `<${event.rawPath}?${next}>; rel="next"` } };
});
