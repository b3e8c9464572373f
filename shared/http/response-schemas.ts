import * as z from 'zod/mini';
import { ReadingSchema } from './request-schemas.js';

/**
 * Answers that more than one route gives; each route's own answer schema is in its docs.ts. They document the API,
 * type the use cases' results and the web app (type-only imports), and the HTTP tests check every answer against
 * them; no function bundle holds them.
 */
export const ReadingsArraySchema = z.array(ReadingSchema);

/** The seed contract's cost entries: one-key objects, plan id → cost, cheapest first. */
export const PlanCostEntriesSchema = z.array(z.record(z.string(), z.number()));

export const AccountSchema = z.object({
  smartMeterId: z.string(),
  pricePlanId: z.nullable(z.string()),
  planHistory: z.array(z.object({ pricePlanId: z.string(), from: z.int() })),
});
export type AccountAnswer = z.infer<typeof AccountSchema>;

export const MeterKeySchema = z.object({ smartMeterId: z.string(), meterKey: z.string() });

export const ErrorSchema = z.object({ message: z.string() });
