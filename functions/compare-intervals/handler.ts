import { routeHandler } from '../../shared/http/pipeline.js';
import { now, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { compareOwnData } from './use-case.js';

/** POST /price-plans/compare {intervals, currentPricePlanId?}: every plan's cost for a household's own half hours. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans(), now }),
  async ({ body }, deps) => ({ body: await compareOwnData(deps, body) }),
);
