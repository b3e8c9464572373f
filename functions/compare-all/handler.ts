import { toEntries } from '../../shared/domain/costing.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { comparePlans } from '../../shared/services/plan-costs.js';
import type { PlanComparisonAnswer } from './docs.js';
import { route } from './route.js';

/** GET /price-plans/compare-all/{smartMeterId}?from&to: the meter's plan and its usage costed under every plan. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => {
    const { pricePlanId, currency, costs, incomplete, coverage } = await comparePlans(deps, account, query);
    const body: PlanComparisonAnswer = { pricePlanId, currency, pricePlanComparisons: toEntries(costs), incomplete, coverage };
    return { body };
  },
);
