import * as v from 'valibot';
import { conflictingReadings, distinctHours, EARLIEST_READING_TIME, MAX_BATCH_HOURS, MAX_EPOCH_SECONDS, MAX_READING_KW, roundReading } from '../domain/readings.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../domain/time.js';
import { WINDOW_MODES, WINDOW_RANKS } from '../domain/cheapest-window.js';

/** The parts of requests that several routes share; each route's own schemas live in its route.ts. */

/** Letters, digits and . _ : -, but not `.` or `..` alone: those are path segments no URL can name as a meter. */
export const SmartMeterIdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(128),
  v.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
  v.check((id) => id !== '.' && id !== '..', 'cannot be . or .. (a URL path would lose it)'),
);

/** One sample from a meter: the power (kW, any finite number in range, stored at 1 mW) at an instant (epoch seconds). */
export const ReadingSchema = v.object({
  time: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(EARLIEST_READING_TIME, `must be ${EARLIEST_READING_TIME} (2000-01-01T00:00:00Z) or later: is the meter's clock set?`),
    v.maxValue(MAX_EPOCH_SECONDS),
  ),
  reading: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_READING_KW), v.transform(roundReading)),
});

export const ReadingsBatchSchema = v.object({
  smartMeterId: SmartMeterIdSchema,
  electricityReadings: v.pipe(
    v.array(ReadingSchema),
    v.minLength(1),
    v.check(
      (readings) => distinctHours(readings) <= MAX_BATCH_HOURS,
      `must touch at most ${MAX_BATCH_HOURS} distinct hours (each is one storage write): split the batch into smaller ones`,
    ),
    v.check(
      (readings) => conflictingReadings(readings) === undefined,
      ({ input }) => {
        const [a, b] = conflictingReadings(input)!;
        return `hold time ${input[a]!.time} twice with different readings, at [${a}] and [${b}]: send one value per time`;
      },
    ),
  ),
});

export const MeterPathSchema = v.object({ smartMeterId: SmartMeterIdSchema });

/** Query strings arrive as text: integers are checked as text, then converted. */
export function integerText(message: string, min: number, max: number) {
  return v.pipe(v.string(), v.regex(/^[0-9]{1,15}$/, message), v.transform(Number), v.minValue(min, message), v.maxValue(max, `must be <= ${max}`));
}

export const epochSeconds = () => integerText('must be epoch seconds (a non-negative integer)', 0, MAX_EPOCH_SECONDS);
export const timeZone = () => v.optional(v.pipe(v.string(), v.check(isTimeZone, 'must be a time zone name, e.g. Europe/London')), DEFAULT_TIME_ZONE);

export const rangeFields = { from: v.optional(epochSeconds()), to: v.optional(epochSeconds()) };
/** A check of a whole query or body, reported on one of its fields (the one the caller should change). */
export function fieldRule<T extends Record<string, unknown>>(field: keyof T & string, holds: (input: T) => boolean, message: string): v.BaseValidation<T, T, v.CheckIssue<T>> {
  return v.forward(v.check(holds, message), [field] as never);
}

export const fromBeforeTo = <T extends { from?: number; to?: number }>() =>
  fieldRule<T>('from', (q) => q.from === undefined || q.to === undefined || q.from < q.to, 'must be before to');

/** An optional [from, to) of epoch seconds. */
export const RangeQuerySchema = v.pipe(v.object(rangeFields), fromBeforeTo());

export const PlanIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** A decimal number as query text (may be negative): rates, energy. */
export function decimalText(message: string, min: number, max: number) {
  return v.pipe(v.string(), v.regex(/^-?[0-9]{1,9}(\.[0-9]{1,9})?$/, message), v.transform(Number), v.minValue(min, `must be >= ${min}`), v.maxValue(max, `must be <= ${max}`));
}

/** The question "when is it cheapest (or greenest) to run this?", asked of a plan or of a meter's plan. */
export const WindowQuerySchema = v.pipe(
  v.object({
    ...rangeFields,
    /** Seconds of use: whole half hours, at most a week. */
    duration: v.optional(
      v.pipe(integerText('must be seconds, a multiple of 1800', 1800, 7 * 86_400), v.check((d) => d % 1800 === 0, 'must be a multiple of 1800 (whole half hours)')),
      '3600',
    ),
    mode: v.optional(v.picklist(WINDOW_MODES), 'continuous'),
    rank: v.optional(v.picklist(WINDOW_RANKS), 'cost'),
    maxRate: v.optional(decimalText('must be a number (pence per kWh, VAT included; may be negative)', -1_000_000, 1_000_000)),
    kWh: v.optional(decimalText('must be a positive number of kWh', 0.001, 10_000), '1'),
  }),
  fromBeforeTo(),
);
