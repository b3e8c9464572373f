import * as z from 'zod/mini';
import { distinctHours, MAX_BATCH_HOURS, MAX_EPOCH_SECONDS, MAX_READING_KW, roundReading } from '../domain/readings.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../domain/time.js';

/** The parts of requests that several routes share; each route's own schemas live in its route.ts. */

export const SmartMeterIdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(128),
  z.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
);

/** One sample from a meter: the power (kW, any finite number in range, stored at 1 mW) at an instant (epoch seconds). */
export const ReadingSchema = z.object({
  time: z.int().check(z.nonnegative(), z.lte(MAX_EPOCH_SECONDS)),
  reading: z.pipe(z.number().check(z.nonnegative(), z.lte(MAX_READING_KW)), z.transform(roundReading)),
});

export const ReadingsBatchSchema = z.object({
  smartMeterId: SmartMeterIdSchema,
  electricityReadings: z
    .array(ReadingSchema)
    .check(
      z.minLength(1),
      z.refine((readings) => distinctHours(readings) <= MAX_BATCH_HOURS, {
        message: `must touch at most ${MAX_BATCH_HOURS} distinct hours (each is one storage write): split the batch into smaller ones`,
      }),
    ),
});

export const MeterPathSchema = z.object({ smartMeterId: SmartMeterIdSchema });

/** Query strings arrive as text: integers are checked as text, then converted. */
export function integerText(message: string, min: number, max: number) {
  return z.pipe(
    z.pipe(z.string().check(z.regex(/^[0-9]{1,15}$/, message)), z.transform(Number)),
    z.number().check(z.gte(min, message), z.lte(max, `must be <= ${max}`)),
  );
}

export const epochSeconds = () => integerText('must be epoch seconds (a non-negative integer)', 0, MAX_EPOCH_SECONDS);
export const timeZone = () =>
  z._default(z.string().check(z.refine(isTimeZone, 'must be a time zone name, e.g. Europe/London')), DEFAULT_TIME_ZONE);

export const rangeFields = { from: z.optional(epochSeconds()), to: z.optional(epochSeconds()) };
export const fromBeforeTo = z.refine<{ from?: number; to?: number }>((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
  message: 'must be before to',
  path: ['from'],
});

/** An optional [from, to) of epoch seconds. */
export const RangeQuerySchema = z.object(rangeFields).check(fromBeforeTo);

export const PlanIdSchema = z.string().check(z.minLength(1), z.maxLength(128));
