import { config } from '../../shared/config.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { consumptionPage } from './use-case.js';

/** GET /v1/{electricity|gas}-meter-points/{meterPoint}/meters/{serialNumber}/consumption/: Octopus-style consumption. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ caller, path, query, event }, deps) => ({ body: await consumptionPage(deps, caller, path, query, event, config().tables.readings) }),
);
