import { routeHandler } from '../../shared/http/pipeline.js';
import { now, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { readPrices } from './use-case.js';

/** GET /price-plans/{pricePlanId}/prices?from&to: the plan's unit rates over the range, ascending. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans(), now }),
  async ({ path, query }, deps) => ({ body: await readPrices(deps, path.pricePlanId, query) }),
);
