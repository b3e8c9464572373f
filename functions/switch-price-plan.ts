import { routeHandler } from '../shared/http/route-handler.js';

/** PUT /accounts/{smartMeterId}/price-plan {pricePlanId, from?}: switches the plan, answers the account. */
export const handler = routeHandler('switchPricePlan', async ({ path, body }, service) => ({
  body: await service.switchPlan(path.smartMeterId, body.pricePlanId, body.from),
}));
