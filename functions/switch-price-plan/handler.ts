import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, auditLog, now, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { switchPricePlan } from './use-case.js';

/** PUT /accounts/{smartMeterId}/price-plan {pricePlanId, exportPricePlanId?, from?}: switches the plan (or a household's pair), answers the account. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore(), pricePlans: pricePlans(), now, audit: auditLog() }),
  async ({ account, body }, deps) => ({ body: await switchPricePlan(deps, account, body) }),
);
