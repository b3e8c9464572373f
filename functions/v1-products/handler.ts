import { routeHandler } from '../../shared/http/pipeline.js';
import { baseUrlOf, pageOf } from '../../shared/http/octopus.js';
import { productSummary } from '../../shared/http/octopus-products.js';
import { pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';

/** GET /v1/products/: every plan as an Octopus product, by code. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans() }),
  async ({ query, event }, deps) => {
    const catalogue = await deps.pricePlans.catalogue();
    const products = catalogue.pricePlans.map((plan) => productSummary(plan, baseUrlOf(event))).sort((a, b) => a.code.localeCompare(b.code));
    return { body: pageOf(event, products, query.page, query.page_size) };
  },
);
