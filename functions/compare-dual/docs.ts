import * as v from 'valibot';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

const DualPairSchema = v.strictObject({ electricityPlanId: v.string(), gasPlanId: v.string() });

export const DualFuelComparisonSchema = v.strictObject({
  /** ISO 4217: every amount is in its minor unit (pence for GBP), VAT included. */
  currency: v.string(),
  /** The household's plans now (null where a meter is on none). */
  current: v.strictObject({ electricityPlanId: v.nullable(v.string()), gasPlanId: v.nullable(v.string()) }),
  /** Every allowed pair whose every kWh was priced and known, cheapest total first. */
  pairs: v.array(v.strictObject({ ...DualPairSchema.entries, electricityCost: v.number(), gasCost: v.number(), total: v.number() })),
  /** Allowed pairs with a half hour one of the plans has no price for, or gas with no published calorific value. */
  incomplete: v.array(DualPairSchema),
  /** The lower of the two meters' coverages of the range (see GET /usage). */
  coverage: v.number(),
});
export type DualFuelComparisonAnswer = v.InferOutput<typeof DualFuelComparisonSchema>;

export const docs: RouteDocs = {
  summary: "A dual-fuel household's electricity × gas plan pairs, cheapest total first.",
  description:
    'Costs the electricity meter under every electricity plan and its gas meter under every gas plan (kWh worked out ' +
    'from volume with each day\'s published calorific value) over [from, to) (without a range: from the first to the ' +
    'last data of either meter), each instant at the prices of its time, VAT included, and ranks every allowed pair by ' +
    '`total`. A plan with `requiresPartner` pairs only with the plans it names. 409 when the meter has no gas meter.',
  responseSchema: DualFuelComparisonSchema,
  errorStatuses: [...METER_ROUTE_ERRORS, 409],
};
