import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { PlanCostEntriesSchema } from '../../shared/http/response-schemas.js';

export const OwnDataComparisonSchema = v.strictObject({
  currency: v.string(),
  /** Every plan whose cost is complete, cheapest first. */
  pricePlanComparisons: PlanCostEntriesSchema,
  /** Plans with energy in half hours that have no published price: not costed. */
  incomplete: v.array(v.string()),
  /** The share of the half hours from the first interval to the last that the file holds. */
  coverage: v.number(),
  /** With `currentPricePlanId`: the cheapest plan and what it would have saved (a yearly figure from 28 days of data). */
  savings: v.optional(v.strictObject({ pricePlanId: v.string(), saving: v.number(), savingPerYear: v.optional(v.number()) })),
});
export type OwnDataComparison = v.InferOutput<typeof OwnDataComparisonSchema>;

export const docs: RouteDocs = {
  summary: "Every plan's cost for a household's own half-hour data (bring your own data): no account, nothing stored.",
  description:
    'The body holds the half hours of a download from a supplier, n3rgy, Glowmarkt or Octopus, as `{start, kWh}` ' +
    '(the same rules as POST /readings/intervals), at most 17,568 (a leap year) within 366 days. They are costed by the same engine as ' +
    'compare-all, over the first to the last half hour, so the same half hours stored on an interval meter cost the ' +
    'same. With `currentPricePlanId` (a plan of the catalogue), `savings` names the cheapest plan and the saving against ' +
    'the current one over the data, and `savingPerYear` once the data spans 28 days or more. Public: no credential is ' +
    'needed or read, and the route has its own throttle (5 requests a second, bursts of 20, on every stage). Nothing ' +
    'of the body is stored or logged; only counts are.',
  bodyExample: { intervals: [{ start: 1767225600, kWh: 0.25 }, { start: 1767227400, kWh: 0.31 }], currentPricePlanId: 'price-plan-1' },
  responseSchema: OwnDataComparisonSchema,
  errorStatuses: [400, 413, 503],
};
