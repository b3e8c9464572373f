import { parseCatalogue } from '../domain/price-plan-catalogue.js';
import plans from './price-plans.json' with { type: 'json' };

/**
 * The shipped catalogue, seeded into an empty store: the seed document's three demo plans (flat 10p / 2p / 1p per
 * kWh, no standing charge; GBP, no VAT, in today's first format).
 */
export const DEFAULT_CATALOGUE = parseCatalogue(plans, 'shared/catalogue/price-plans.json');
