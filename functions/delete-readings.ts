import { routeHandler } from '../shared/http/route-handler.js';

/** DELETE /admin/meters/{smartMeterId}/readings?from&to: removes bad readings, a bounded amount per call. */
export const handler = routeHandler('deleteReadings', async ({ path, query }, service) => ({
  body: await service.deleteReadings(path.smartMeterId, query),
}));
