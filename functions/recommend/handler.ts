import { cheapestPlans, toEntries } from '../../shared/domain/costing.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { comparePlans } from '../../shared/services/plan-costs.js';
import { route } from './route.js';

/** GET /price-plans/recommend/{smartMeterId}?limit&from&to: the cheapest plans for the meter's usage. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => {
    const { costs } = await comparePlans(deps, account, { from: query.from, to: query.to });
    return { body: toEntries(cheapestPlans(costs, query.limit)) };
  },
);
