import * as v from 'valibot';
import { MAX_EPOCH_SECONDS } from '../domain/readings.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../domain/time.js';

/** The parts of requests that several routes share; each route's own schemas live in its route.ts. */

/** Letters, digits and . _ : -, but not `.` or `..` alone: those are path segments no URL can name as a meter. */
export const SmartMeterIdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(128),
  v.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
  v.check((id) => id !== '.' && id !== '..', 'cannot be . or .. (a URL path would lose it)'),
);

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

/** A rule on `to`: at most `seconds` after `from` (where both are given): every request's range is bounded. */
export const toWithin = <T extends { from?: number; to?: number }>(seconds: number, message: string) =>
  fieldRule<T>('to', (q) => q.from === undefined || q.to === undefined || q.to - q.from <= seconds, message);

export const fromBeforeTo = <T extends { from?: number; to?: number }>() =>
  fieldRule<T>('from', (q) => q.from === undefined || q.to === undefined || q.from < q.to, 'must be before to');

/** An optional [from, to) of epoch seconds. */
export const RangeQuerySchema = v.pipe(v.object(rangeFields), fromBeforeTo());

export const PlanIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/**
 * A decimal number as query text (may be negative, may have an exponent: 1e308 is a number, told it is out of range):
 * rates, energy.
 */
export function decimalText(message: string, min: number, max: number) {
  return v.pipe(
    v.string(),
    v.regex(/^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i, message),
    v.transform(Number),
    v.minValue(min, `must be >= ${min}`),
    v.maxValue(max, `must be <= ${max}`),
  );
}
