import * as z from 'zod/mini';
import { GRANULARITIES, RELATIVE_PERIODS } from '../domain/calendar.js';
import { MAX_EPOCH_SECONDS, SmartMeterIdSchema } from '../domain/readings.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../domain/time.js';

/** Schemas of the HTTP contract: they validate requests and generate the OpenAPI document. */
export const MeterPathSchema = z.object({ smartMeterId: SmartMeterIdSchema });

/** Most readings one page of GET /readings/read returns: ~2.5 MB of JSON at worst, well under 5 MB. */
const MAX_READINGS_PAGE = 50_000;

/** Query strings arrive as text: integers are checked as text, then converted. */
function integerText(message: string, min: number, max: number) {
  return z.pipe(
    z.pipe(z.string().check(z.regex(/^[0-9]{1,15}$/, message)), z.transform(Number)),
    z.number().check(z.gte(min, message), z.lte(max, `must be <= ${max}`)),
  );
}

const epochSeconds = () => integerText('must be epoch seconds (a non-negative integer)', 0, MAX_EPOCH_SECONDS);
const timeZone = () =>
  z._default(z.string().check(z.refine(isTimeZone, 'must be a time zone name, e.g. Europe/London')), DEFAULT_TIME_ZONE);

const rangeFields = { from: z.optional(epochSeconds()), to: z.optional(epochSeconds()) };
const fromBeforeTo = z.refine<{ from?: number; to?: number }>((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
  message: 'must be before to',
  path: ['from'],
});

export const ReadingsQuerySchema = z
  .object({ ...rangeFields, limit: z._default(integerText('must be a positive integer', 1, MAX_READINGS_PAGE), MAX_READINGS_PAGE) })
  .check(fromBeforeTo);

export const CompareQuerySchema = z.object(rangeFields).check(fromBeforeTo);

export const RecommendQuerySchema = z
  .object({ ...rangeFields, limit: z.optional(integerText('must be a positive integer', 1, 1_000_000_000)) })
  .check(fromBeforeTo);

export const UsageQuerySchema = z
  .object({ ...rangeFields, groupBy: z._default(z.enum(GRANULARITIES), 'day'), tz: timeZone() })
  .check(fromBeforeTo);

/** A relative `period` evaluated at `at` (default now), or an explicit from/to: one or the other. */
export const UsageCostQuerySchema = z
  .object({ ...rangeFields, period: z.optional(z.enum(RELATIVE_PERIODS)), at: z.optional(epochSeconds()), tz: timeZone() })
  .check(
    fromBeforeTo,
    z.refine((q) => q.period === undefined || (q.from === undefined && q.to === undefined), {
      message: 'cannot be combined with from/to',
      path: ['period'],
    }),
    z.refine((q) => q.period !== undefined || (q.from !== undefined && q.to !== undefined), {
      message: 'is required, or both from and to',
      path: ['period'],
    }),
    z.refine((q) => q.period !== undefined || q.at === undefined, { message: 'applies only to a relative period', path: ['at'] }),
  );

/** An operator's deletion of readings: both ends required, so a typo cannot wipe a whole history. */
export const DeleteReadingsQuerySchema = z.object({ from: epochSeconds(), to: epochSeconds() }).check(fromBeforeTo);

const PlanIdSchema = z.string().check(z.minLength(1), z.maxLength(128));
const CustomerIdSchema = z.string().check(z.minLength(1), z.maxLength(128));

export const OnboardMeterSchema = z.object({
  smartMeterId: SmartMeterIdSchema,
  pricePlanId: PlanIdSchema,
  customerId: z.optional(CustomerIdSchema),
});

export const SwitchPlanSchema = z.object({
  pricePlanId: PlanIdSchema,
  /** Operators only: when the switch takes effect (default now). */
  from: z.optional(z.int().check(z.nonnegative(), z.lte(MAX_EPOCH_SECONDS))),
});
