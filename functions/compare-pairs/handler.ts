import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { comparePairs } from '../../shared/services/plan-pairs.js';
import type { PairComparisonAnswer } from './docs.js';
import { route } from './route.js';

/** GET /price-plans/compare-pairs/{smartMeterId}?from&to: a solar household's plan pairs, cheapest net first. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => {
    const { currency, current, pairs, incomplete, coverage } = await comparePairs(deps, account, query);
    const body: PairComparisonAnswer = { currency, current, pairs, incomplete, coverage };
    return { body };
  },
);
