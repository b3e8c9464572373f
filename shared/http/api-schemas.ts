import * as z from 'zod/mini';
import { DEFAULT_TIME_ZONE, GRANULARITIES, isTimeZone } from '../domain/calendar.js';
import { MAX_EPOCH_SECONDS, ReadingSchema, SmartMeterIdSchema } from '../domain/readings.js';

/** Schemas of the HTTP contract: they validate requests and generate the OpenAPI document. */
export const MeterPathSchema = z.object({ smartMeterId: SmartMeterIdSchema });

/** Most readings one page of GET /readings/read returns: ~2.5 MB of JSON at worst, well under 5 MB. */
export const MAX_READINGS_PAGE = 50_000;

/** Query strings arrive as text: integers are checked as text, then converted. */
function integerText(message: string, min: number, max: number) {
  return z.pipe(
    z.pipe(z.string().check(z.regex(/^[0-9]{1,15}$/, message)), z.transform(Number)),
    z.number().check(z.gte(min, message), z.lte(max, `must be <= ${max}`)),
  );
}

const epochSeconds = () => integerText('must be epoch seconds (a non-negative integer)', 0, MAX_EPOCH_SECONDS);
const timeZone = () =>
  z._default(z.string().check(z.refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/London')), DEFAULT_TIME_ZONE);

const rangeFields = { from: z.optional(epochSeconds()), to: z.optional(epochSeconds()) };

export const ReadingsQuerySchema = z.object({
  ...rangeFields,
  limit: z._default(integerText('must be a positive integer', 1, MAX_READINGS_PAGE), MAX_READINGS_PAGE),
});

export const CompareQuerySchema = z.object(rangeFields);

export const RecommendQuerySchema = z.object({
  ...rangeFields,
  limit: z.optional(integerText('must be a positive integer', 1, 1_000_000_000)),
});

export const UsageQuerySchema = z.object({
  ...rangeFields,
  groupBy: z._default(z.enum(GRANULARITIES), 'day'),
  tz: timeZone(),
});

export const COST_PERIODS = ['last-week', 'last-7-days'] as const;

export const UsageCostQuerySchema = z.object({
  ...rangeFields,
  period: z.optional(z.enum(COST_PERIODS)),
  at: z.optional(epochSeconds()),
  tz: timeZone(),
});

export const ReadingsArraySchema = z.array(ReadingSchema);
export const PlanCostEntriesSchema = z.array(z.record(z.string(), z.number()));
export const PlanComparisonSchema = z.object({
  pricePlanId: z.nullable(z.string()),
  pricePlanComparisons: PlanCostEntriesSchema,
});
export const UsageReportSchema = z.object({
  smartMeterId: z.string(),
  unit: z.literal('kWh'),
  groupBy: z.enum(GRANULARITIES),
  timeZone: z.string(),
  periods: z.array(z.object({ from: z.int(), to: z.int(), kWh: z.number() })),
});
export const UsageCostSchema = z.object({
  smartMeterId: z.string(),
  pricePlanId: z.string(),
  from: z.int(),
  to: z.int(),
  kWh: z.number(),
  cost: z.number(),
});
export const ErrorSchema = z.object({ message: z.string() });
