import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMonths, addWeeks, startOfDay, startOfHour, startOfMonth, startOfWeek } from 'date-fns';
import { ValidationError } from '../errors.js';
import type { Span } from './time.js';

/** Calendar units usage is bucketed by. Weeks start on Monday 00:00 local time. */
export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Periods named relative to an instant: the previous Monday-to-Monday week, or the seven days before today. */
export const RELATIVE_PERIODS = ['last-week', 'last-7-days'] as const;
type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

const at = (seconds: number, timeZone: string) => new TZDate(seconds * 1000, timeZone);
const seconds = (date: Date) => Math.round(date.getTime() / 1000);

/** Start of the calendar unit (in the time zone) that contains the instant. */
export function unitStart(time: number, unit: Granularity, timeZone: string): number {
  const date = at(time, timeZone);
  switch (unit) {
    case 'hour':
      return seconds(startOfHour(date));
    case 'day':
      return seconds(startOfDay(date));
    case 'week':
      return seconds(startOfWeek(date, { weekStartsOn: 1 }));
    case 'month':
      return seconds(startOfMonth(date));
  }
}

/** Start of the unit after the one starting at `start`: local calendar arithmetic (days may be 23 or 25 hours). */
export function nextUnitStart(start: number, unit: Granularity, timeZone: string): number {
  const step = { hour: addHours, day: addDays, week: addWeeks, month: addMonths }[unit];
  return seconds(step(at(start, timeZone), 1));
}

/** Longest a unit can last in any zone (daylight-saving days are 25 hours, some transitions 26): a safe bound. */
const LONGEST_UNIT_SECONDS: Record<Granularity, number> = { hour: 2 * 3600, day: 26 * 3600, week: 7 * 26 * 3600, month: 31 * 26 * 3600 };

/** How many calendar buckets cover the span, counting no further than `limit + 1` (arithmetic when plainly more). */
export function countCalendarBuckets(span: Span, unit: Granularity, timeZone: string, limit: number): number {
  if ((span.to - span.from) / LONGEST_UNIT_SECONDS[unit] > limit + 1) return limit + 1;
  let count = 0;
  for (let start = unitStart(span.from, unit, timeZone); start < span.to && count <= limit; count++) {
    start = nextUnitStart(start, unit, timeZone);
  }
  return count;
}

/** Calendar-aligned buckets covering the span, the first and last clipped to it. */
/** Where the last `limit` calendar buckets of a span start: the span's own start when it holds no more than that. */
export function startOfLastBuckets(span: Span, unit: Granularity, timeZone: string, limit: number): number {
  if (span.from >= span.to || countCalendarBuckets(span, unit, timeZone, limit) <= limit) return span.from;
  let start = unitStart(span.to - 1, unit, timeZone);
  for (let bucket = 1; bucket < limit; bucket++) start = unitStart(start - 1, unit, timeZone);
  return start;
}

export function calendarBuckets(span: Span, unit: Granularity, timeZone: string): Span[] {
  const buckets: Span[] = [];
  for (let start = unitStart(span.from, unit, timeZone); start < span.to; ) {
    const end = nextUnitStart(start, unit, timeZone);
    buckets.push({ from: Math.max(start, span.from), to: Math.min(end, span.to) });
    start = end;
  }
  return buckets;
}

/** The span a relative period names, evaluated at the instant `now` in the time zone. */
export function relativePeriodSpan(period: RelativePeriod, now: number, timeZone: string): Span {
  let span: Span;
  if (period === 'last-week') {
    const thisWeek = unitStart(now, 'week', timeZone);
    span = { from: seconds(addWeeks(at(thisWeek, timeZone), -1)), to: thisWeek };
  } else {
    const today = unitStart(now, 'day', timeZone);
    span = { from: seconds(addDays(at(today, timeZone), -7)), to: today };
  }
  if (span.from < 0) throw new ValidationError(`at is too early: ${period} would start before 1970-01-01`);
  return span;
}
