import { routeHandler } from '../../shared/http/pipeline.js';
import { pageOf } from '../../shared/http/octopus.js';
import { now, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { tariffRates } from './use-case.js';

/** GET /v1/products/{productCode}/{tariffType}/{tariffCode}/{rateType}/: a tariff's rates, Octopus-style. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans(), now }),
  async ({ path, query, event }, deps) => ({ body: pageOf(event, await tariffRates(deps, path, query), query.page, query.page_size) }),
);
