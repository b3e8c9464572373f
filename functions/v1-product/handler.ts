import { routeHandler } from '../../shared/http/pipeline.js';
import { baseUrlOf } from '../../shared/http/octopus.js';
import { productDetail, productPlan } from '../../shared/http/octopus-products.js';
import { now, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';

/** GET /v1/products/{productCode}/: one plan as an Octopus product. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans() }),
  async ({ path, query, event }, deps) => {
    const catalogue = await deps.pricePlans.catalogue();
    return { body: productDetail(productPlan(catalogue, path.productCode), catalogue, query.tariffs_active_at ?? now(), baseUrlOf(event)) };
  },
);
