import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { savingsReport } from './use-case.js';

/** GET /price-plans/savings/{smartMeterId}: every plan over the last 30 days and 12 months, and the advice. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account }, deps) => ({ body: await savingsReport(deps, account) }),
);
