import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, now } from '../../shared/runtime.js';
import { route } from './route.js';
import { listAccounts } from './use-case.js';

/** GET /accounts?limit&cursor: a page of a customer's own meters, or of all meters for an operator. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore(), now }),
  async ({ caller, query }, deps) => ({ body: await listAccounts(deps, caller, query) }),
);
