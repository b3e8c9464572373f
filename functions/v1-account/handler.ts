import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { octopusAccount } from './use-case.js';

/** GET /v1/accounts/{accountNumber}/: the caller's account in Octopus's shape. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore(), pricePlans: pricePlans() }),
  async ({ caller, path }, deps) => ({ body: await octopusAccount(deps, caller, path.accountNumber) }),
);
