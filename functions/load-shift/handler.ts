import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { loadShift } from './use-case.js';

/** GET /advice/{smartMeterId}/load-shift?share&from&to: what moving a share of each day's use to cheap hours would save. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => ({ body: await loadShift(deps, account, query) }),
);
