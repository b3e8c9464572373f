import * as v from 'valibot';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { PlanCostEntriesSchema } from '../../shared/http/response-schemas.js';

export const PlanComparisonSchema = v.strictObject({
  pricePlanId: v.nullable(v.string()),
  /** ISO 4217: every cost is in its minor unit (pence for GBP), VAT included. */
  currency: v.string(),
  /** Plans whose every kWh was priced, cheapest first: one-key objects, plan id → cost. */
  pricePlanComparisons: PlanCostEntriesSchema,
  /** Plans with energy in half hours that have no published price yet: not costed, not ranked. */
  incomplete: v.array(v.string()),
  /** The share of the range's half hours (up to now) that hold readings, 0..1 to 3 decimals (see GET /usage). */
  coverage: v.number(),
});
export type PlanComparisonAnswer = v.InferOutput<typeof PlanComparisonSchema>;

export const docs: RouteDocs = {
  summary: "The meter's plan and its usage costed under every plan, cheapest first.",
  description:
    'Costs the usage in [from, to) when given, else all of it (first to last reading), each instant at the prices in ' +
    'force then. Costs are in the minor unit of `currency`, VAT included. A dynamic plan missing a published price ' +
    'for a half hour with energy is listed in `incomplete` instead of being ranked on a guess. `coverage` says how ' +
    "much of the range's half hours hold readings: a comparison over a week with two silent days is one over five.",
  responseSchema: PlanComparisonSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
