import { routeHandler } from '../../shared/http/pipeline.js';
import { now, pricePlans } from '../../shared/runtime.js';
import { cheapestWindow } from '../../shared/services/cheapest-window.js';
import { route } from './route.js';

/** GET /price-plans/{pricePlanId}/cheapest-window: the cheapest (or greenest) time to use energy on a plan. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans(), now }),
  async ({ path, query }, deps) => ({ body: await cheapestWindow(deps.pricePlans, path.pricePlanId, query, deps.now()) }),
);
