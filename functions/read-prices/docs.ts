import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const PlanPricesSchema = v.strictObject({
  pricePlanId: v.string(),
  /** ISO 4217: rates are in its minor unit (pence per kWh for GBP), without VAT. */
  currency: v.string(),
  prices: v.array(v.strictObject({ from: int(), to: int(), unitRate: v.number() })),
});
export type PlanPrices = v.InferOutput<typeof PlanPricesSchema>;

export const docs: RouteDocs = {
  summary: "A plan's unit rates over [from, to): a dynamic plan's published half hours, a fixed plan's rates as they change.",
  description:
    'Default range: today and tomorrow (UTC); at most 31 days (400). Rates are without VAT (the catalogue states ' +
    '`vatRate`), ascending. A dynamic plan answers one entry per published half hour and leaves out those not ' +
    'published yet; a fixed plan one entry per stretch of constant rate (versions, time-of-use bands, day ' +
    'multipliers, in the plan\'s zone). Unknown plan: 404.',
  responseSchema: PlanPricesSchema,
  errorStatuses: [400, 401, 403, 404, 503],
  parameterExamples: { from: undefined, to: undefined },
};
