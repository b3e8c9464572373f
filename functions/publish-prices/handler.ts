import { routeHandler } from '../../shared/http/pipeline.js';
import { auditLog, now, pricePlansChanged, pricePlansStore } from '../../shared/runtime.js';
import { route } from './route.js';
import { publishPrices } from './use-case.js';

/** PUT /admin/price-plans/{pricePlanId}/prices: publishes a dynamic plan's half-hour prices. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlansStore(), now, changed: pricePlansChanged, audit: auditLog() }),
  async ({ path, body }, deps) => ({ body: await publishPrices(deps, path.pricePlanId, body.prices) }),
);
