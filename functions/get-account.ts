import { routeHandler } from '../shared/http/route-handler.js';

/** GET /accounts/{smartMeterId}: the meter's plan now and its plan history. */
export const handler = routeHandler('getAccount', async ({ path }, service) => ({ body: await service.account(path.smartMeterId) }));
