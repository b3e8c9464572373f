import { plansOf } from '../../shared/domain/price-plans.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { pricePlans } from '../../shared/runtime.js';
import type { CatalogueAnswer } from './docs.js';
import { route } from './route.js';

/** GET /price-plans?direction: the catalogue (or the plans of one direction): its currency, VAT rate and every plan with all its versions. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans() }),
  async ({ query }, deps) => {
    const catalogue = await deps.pricePlans.catalogue();
    const body: CatalogueAnswer = query.direction === undefined ? catalogue : { ...catalogue, pricePlans: plansOf(catalogue, query.direction) };
    return { body };
  },
);
