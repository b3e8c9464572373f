import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, readingsReader } from '../../shared/runtime.js';
import { route } from './route.js';

/** GET /readings/read/{smartMeterId}?from&to&limit: readings ascending by time, a page at a time (Link: rel="next"). */
export const handler = routeHandler(
  route,
  () => ({ readings: readingsReader(), accounts: accountsReader() }),
  async ({ path, query, event }, { readings }) => {
    const page = await readings.listPage(path.smartMeterId, query, query.limit);
    if (page.next === undefined) return { body: page.readings };
    const next = new URLSearchParams(event.queryStringParameters as Record<string, string> | undefined);
    next.set('from', String(page.next));
    return { body: page.readings, headers: { link: `<${event.rawPath}?${next}>; rel="next"` } };
  },
);
