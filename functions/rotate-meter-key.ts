import { routeHandler } from '../shared/http/route-handler.js';

/** POST /admin/meters/{smartMeterId}/key: a new key for the meter; the old one stops working. */
export const handler = routeHandler('rotateMeterKey', async ({ path }, service) => ({ body: await service.rotateMeterKey(path.smartMeterId) }));
