import { routeHandler } from '../shared/http/route-handler.js';

/** POST /admin/meters {smartMeterId, pricePlanId, customerId?}: 201 with the meter's key, shown this once. */
export const handler = routeHandler('onboardMeter', async ({ body }, service) => ({ body: await service.onboardMeter(body) }));
