import * as z from 'zod/mini';
import { ReadingSchema, SmartMeterIdSchema } from '../domain/readings.js';

/** Schemas of the HTTP contract: used to validate requests and to generate the OpenAPI document. */
export const MeterPathSchema = z.object({ smartMeterId: SmartMeterIdSchema });

/** Query strings arrive as text; integers are checked as text and converted by the handler. */
const positiveIntegerText = z.string().check(z.regex(/^0*[1-9][0-9]{0,8}$/, 'must be a positive integer'));

export const RecommendQuerySchema = z.object({ limit: z.optional(positiveIntegerText) });

export const ReadingsArraySchema = z.array(ReadingSchema);
export const PlanCostEntriesSchema = z.array(z.record(z.string(), z.number()));
export const PlanComparisonSchema = z.object({
  pricePlanId: z.string(),
  pricePlanComparisons: PlanCostEntriesSchema,
});
export const ErrorSchema = z.object({ message: z.string() });
