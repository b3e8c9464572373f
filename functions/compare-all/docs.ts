import * as z from 'zod/mini';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { PlanCostEntriesSchema } from '../../shared/http/response-schemas.js';

export const PlanComparisonSchema = z.object({
  pricePlanId: z.nullable(z.string()),
  pricePlanComparisons: PlanCostEntriesSchema,
});
export type PlanComparisonAnswer = z.infer<typeof PlanComparisonSchema>;

export const docs: RouteDocs = {
  summary: "The meter's plan and its usage costed under every plan, cheapest first.",
  description: 'Costs the usage in [from, to) when given, else all of it (first to last reading).',
  responseSchema: PlanComparisonSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
