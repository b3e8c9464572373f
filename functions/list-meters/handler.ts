import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, meterEnergy } from '../../shared/runtime.js';
import { route } from './route.js';
import { listMeters } from './use-case.js';

/** GET /admin/meters?status&silentFor&cursor: a page of the fleet with each meter's last reading, coverage and status. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), accounts: accountsStore() }),
  async ({ query }, deps) => ({ body: await listMeters(deps, query) }),
);
