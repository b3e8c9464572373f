import * as v from 'valibot';
import { int } from '../../shared/http/response-schemas.js';
import type { RouteDocs } from '../../shared/http/openapi.js';

const PlanPartCostSchema = v.strictObject({
  pricePlanId: v.string(),
  from: int(),
  to: int(),
  kWh: v.number(),
  /** In the currency's minor unit, VAT included: the priced energy and the standing charge of the part. */
  cost: v.number(),
  unpricedKWh: v.number(),
});

export const UsageCostSchema = v.strictObject({
  smartMeterId: v.string(),
  /** The plan of the period's last part. */
  pricePlanId: v.string(),
  /** ISO 4217: costs are in its minor unit (pence for GBP), VAT included. */
  currency: v.string(),
  from: int(),
  to: int(),
  kWh: v.number(),
  cost: v.number(),
  /** False when some energy fell in half hours with no published price: `cost` leaves it out, never guesses it. */
  complete: v.boolean(),
  unpricedKWh: v.number(),
  /** A gas meter only: its volume (m³) on days with no published calorific value, in no kWh and no cost yet. */
  unconvertedM3: v.optional(v.number()),
  /** The share of the period's half hours (up to now) that hold readings, 0..1 to 3 decimals (see GET /usage). */
  coverage: v.number(),
  /** Each part of the period under the plan in force then (one entry when no switch falls inside). */
  byPlan: v.array(PlanPartCostSchema),
});
export type UsageCost = v.InferOutput<typeof UsageCostSchema>;
export type PlanPartCost = v.InferOutput<typeof PlanPartCostSchema>;

export const docs: RouteDocs = {
  summary: 'Energy and its cost over a period, each part priced under the plan the meter was on then.',
  description:
    '`period=last-week` is the previous Monday-to-Monday week, `last-7-days` the seven days before today, both ' +
    'evaluated at `at` (default now) in `tz`; or give an explicit from/to. A plan switch inside the period splits it: ' +
    '`byPlan` has one entry per part, and `pricePlanId` is the plan of the last part. Costs are in the minor unit of ' +
    '`currency`, VAT included, each instant at the prices in force then; energy in a half hour of a dynamic plan ' +
    'with no published price is `unpricedKWh` (and `complete` is false), never priced at a guess.',
  responseSchema: UsageCostSchema,
  errorStatuses: [400, 401, 403, 404, 409, 503],
  parameterExamples: { from: undefined, to: undefined },
};
