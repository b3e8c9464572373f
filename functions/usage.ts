import { routeHandler } from '../shared/http/route-handler.js';

/** GET /usage/{smartMeterId}?from&to&groupBy&tz: energy (kWh) per calendar bucket. */
export const handler = routeHandler('usageByPeriod', async ({ path, query }, service) => ({
  body: await service.usage(path.smartMeterId, query, query.groupBy, query.tz),
}));
