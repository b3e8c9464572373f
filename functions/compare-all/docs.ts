import * as v from 'valibot';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { PlanCostEntriesSchema } from '../../shared/http/response-schemas.js';

export const PlanComparisonSchema = v.strictObject({
  pricePlanId: v.nullable(v.string()),
  pricePlanComparisons: PlanCostEntriesSchema,
});
export type PlanComparisonAnswer = v.InferOutput<typeof PlanComparisonSchema>;

export const docs: RouteDocs = {
  summary: "The meter's plan and its usage costed under every plan, cheapest first.",
  description: 'Costs the usage in [from, to) when given, else all of it (first to last reading).',
  responseSchema: PlanComparisonSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
