import * as v from 'valibot';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

const PlanPairSchema = v.strictObject({ importPlanId: v.string(), exportPlanId: v.string() });

export const PairComparisonSchema = v.strictObject({
  /** ISO 4217: every amount is in its minor unit (pence for GBP). */
  currency: v.string(),
  /** The household's plans now (null where a meter is on none). */
  current: v.strictObject({ importPlanId: v.nullable(v.string()), exportPlanId: v.nullable(v.string()) }),
  /** Every allowed pair whose every kWh was priced, cheapest net first. */
  pairs: v.array(
    v.strictObject({
      ...PlanPairSchema.entries,
      /** The import meter's energy under the import plan, standing charge and VAT included. */
      importCost: v.number(),
      /** What the export meter's energy earns under the export plan (no VAT). */
      exportCredit: v.number(),
      /** importCost − exportCredit (negative: the household is paid). */
      net: v.number(),
    }),
  ),
  /** Allowed pairs with energy in a half hour that one of the two plans has no price for: not ranked. */
  incomplete: v.array(PlanPairSchema),
  /** The lower of the two meters' coverages of the range (see GET /usage). */
  coverage: v.number(),
});
export type PairComparisonAnswer = v.InferOutput<typeof PairComparisonSchema>;

export const docs: RouteDocs = {
  summary: "A solar household's import × export plan pairs, cheapest net first.",
  description:
    'Costs the import meter under every import plan and its export meter under every export plan over [from, to) ' +
    '(without a range: from the first to the last data of either meter), each instant at the prices of its time, ' +
    'VAT on the import only. Every allowed pair (an export plan with `requiresImport` pairs only with those import ' +
    'plans) is ranked by `net` = importCost − exportCredit. A dynamic export price below zero pays nothing. 409 when ' +
    'the meter has no export meter, or is itself an export meter.',
  responseSchema: PairComparisonSchema,
  errorStatuses: [...METER_ROUTE_ERRORS, 409],
};
