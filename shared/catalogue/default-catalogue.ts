import { parseCatalogue } from '../domain/price-plan-catalogue.js';
import plans from './price-plans.json' with { type: 'json' };

/** The shipped catalogue: the seed document's three demo plans (flat 10 / 2 / 1 per kWh, no standing charge). */
export const DEFAULT_PRICE_PLANS = parseCatalogue(plans, 'shared/catalogue/price-plans.json');
