import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { PricePlanSchema } from '../../shared/http/response-schemas.js';

export const CatalogueAnswerSchema = v.strictObject({
  /** ISO 4217: every price is in its minor unit (pence for GBP). */
  currency: v.string(),
  /** VAT as a fraction: prices here exclude it; every cost the API answers includes it. */
  vatRate: v.number(),
  pricePlans: v.array(PricePlanSchema),
});
export type CatalogueAnswer = v.InferOutput<typeof CatalogueAnswerSchema>;

export const docs: RouteDocs = {
  summary: 'Every price plan, with all its rate versions, the currency and the VAT rate.',
  description:
    'Rates are in the minor unit of `currency` (pence per kWh, pence per day), without VAT. Each plan lists its ' +
    'versions ascending by `validFrom`; each holds until the next starts. A `dynamic` plan publishes its unit rate ' +
    'per half hour (`GET /price-plans/{pricePlanId}/prices`). A change is in force everywhere within 60 seconds. ' +
    'An `export` plan pays its `unitRate` per exported kWh: no VAT, no standing charge; a dynamic export price below ' +
    'zero pays nothing. `requiresImport` names the import plans it is sold with. `?direction=import|export` lists ' +
    'the plans of one direction only, `?fuel=electricity|gas` those of one fuel. A `gas` plan prices the kWh worked out ' +
    'from a gas meter\'s volume and the published calorific value.',
  responseSchema: CatalogueAnswerSchema,
  errorStatuses: [400, 401, 403, 503],
};
