import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { usageReport } from './use-case.js';

/** GET /usage/{smartMeterId}?from&to&groupBy&tz: energy (kWh) per calendar bucket. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => ({
    body: await usageReport(deps, account, { from: query.from, to: query.to }, query.groupBy, query.tz),
  }),
);
