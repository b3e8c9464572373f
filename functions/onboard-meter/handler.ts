import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, auditLog, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { onboardMeter } from './use-case.js';

/** POST /admin/meters {smartMeterId, pricePlanId, customerId?, kind?}: 201 with the meter's key, shown this once. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore(), pricePlans: pricePlans(), audit: auditLog() }),
  async ({ body }, deps) => ({ body: await onboardMeter(deps, body) }),
);
