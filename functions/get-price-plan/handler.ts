import { routeHandler } from '../../shared/http/pipeline.js';
import { pricePlans } from '../../shared/runtime.js';
import { knownPlan } from '../../shared/services/price-book.js';
import { route } from './route.js';

/** GET /price-plans/{pricePlanId}: one plan's document, as PUT /admin/price-plans/{pricePlanId} accepts it. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans() }),
  async ({ path }, deps) => ({ body: knownPlan(await deps.pricePlans.catalogue(), path.pricePlanId) }),
);
