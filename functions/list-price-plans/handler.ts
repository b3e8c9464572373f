import { directionOf, fuelOf } from '../../shared/domain/price-plans.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { pricePlans } from '../../shared/runtime.js';
import type { CatalogueAnswer } from './docs.js';
import { route } from './route.js';

/** GET /price-plans?direction&fuel: the catalogue (or the plans of one direction or fuel): its currency, VAT rate and every plan with all its versions. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans() }),
  async ({ query }, deps) => {
    const catalogue = await deps.pricePlans.catalogue();
    const { direction, fuel } = query;
    const body: CatalogueAnswer = { ...catalogue, pricePlans: catalogue.pricePlans.filter((p) => (direction === undefined || directionOf(p) === direction) && (fuel === undefined || fuelOf(p) === fuel)) };
    return { body };
  },
);
