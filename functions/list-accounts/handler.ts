import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, now } from '../../shared/runtime.js';
import { route } from './route.js';
import { listAccounts } from './use-case.js';

/** GET /accounts: a customer's own meters (what the web app opens on); an operator's first page of all. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore(), now }),
  async ({ caller }, deps) => ({ body: await listAccounts(deps, caller) }),
);
