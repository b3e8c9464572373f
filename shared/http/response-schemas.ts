import * as v from 'valibot';
import { ReadingSchema } from './request-schemas.js';

/**
 * Answers that more than one route gives; each route's own answer schema is in its docs.ts. They document the API,
 * type the use cases' results and the web app (type-only imports), and the HTTP tests check every answer against
 * them; no function bundle holds them.
 */
export const ReadingsArraySchema = v.array(ReadingSchema);

/** The seed contract's cost entries: one-key objects, plan id → cost, cheapest first. */
export const PlanCostEntriesSchema = v.array(v.record(v.string(), v.number()));

export const AccountSchema = v.object({
  smartMeterId: v.string(),
  pricePlanId: v.nullable(v.string()),
  planHistory: v.array(v.object({ pricePlanId: v.string(), from: v.pipe(v.number(), v.integer()) })),
});
export type AccountAnswer = v.InferOutput<typeof AccountSchema>;

export const MeterKeySchema = v.object({ smartMeterId: v.string(), meterKey: v.string() });

export const ErrorSchema = v.object({ message: v.string() });

/** An integer in an answer (epoch seconds, counts). */
export const int = () => v.pipe(v.number(), v.integer());
