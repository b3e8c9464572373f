import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { compareDual } from '../../shared/services/plan-pairs.js';
import type { DualFuelComparisonAnswer } from './docs.js';
import { route } from './route.js';

/** GET /price-plans/compare-dual/{smartMeterId}?from&to: a dual-fuel household's plan pairs, cheapest total first. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => {
    const body: DualFuelComparisonAnswer = await compareDual(deps, account, query);
    return { body };
  },
);
