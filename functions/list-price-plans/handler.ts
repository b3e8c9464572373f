import { routeHandler } from '../../shared/http/pipeline.js';
import { pricePlans } from '../../shared/runtime.js';
import type { CatalogueAnswer } from './docs.js';
import { route } from './route.js';

/** GET /price-plans: the catalogue: its currency, VAT rate and every plan with all its versions. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans() }),
  async (_, deps) => {
    const body: CatalogueAnswer = await deps.pricePlans.catalogue();
    return { body };
  },
);
