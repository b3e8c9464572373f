import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import { ValidationError } from '../errors.js';
import { parseIsoInstant, type Span } from './time.js';

/** Calendar units usage is bucketed by. Weeks start on Monday 00:00 local time. */
export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Periods named relative to an instant: the previous Monday-to-Monday week, or the seven days before today. */
export const RELATIVE_PERIODS = ['last-week', 'last-7-days'] as const;
type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

const at = (seconds: number, timeZone: string) => new TZDate(seconds * 1000, timeZone);
const seconds = (date: Date) => Math.round(date.getTime() / 1000);
/** The zone's offset at an instant as its rules give it (through Intl: the costliest step of calendar arithmetic). */
const ruleOffsetAt = (instant: number, timeZone: string) => -at(instant, timeZone).getTimezoneOffset() * 60;

/**
 * Offsets kept by UTC hour, per zone: a year of half hours asks each hour's offset dozens of times. An hour whose
 * first and last seconds agree has that offset throughout (a zone's clock changes are months apart); an hour with a
 * change in it keeps nothing and is asked at each instant. At most this many hours per zone, then forgotten, so a
 * warm function's memory stays bounded whatever ranges it is asked for.
 */
const MAX_KEPT_HOURS = 100_000;
const offsetsByHour = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC at an instant, in seconds (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  let hours = offsetsByHour.get(timeZone);
  if (!hours) offsetsByHour.set(timeZone, (hours = new Map()));
  const hour = Math.floor(instant / 3600);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = ruleOffsetAt(hour * 3600, timeZone);
    offset = first === ruleOffsetAt(hour * 3600 + 3599, timeZone) ? first : null;
    if (hours.size >= MAX_KEPT_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? ruleOffsetAt(instant, timeZone);
}

/** A clock change: the instant, and the zone's offset (seconds east of UTC) before and after it. */
export interface ClockChange {
  at: number;
  before: number;
  after: number;
}

/** Every clock change of a UTC calendar year in the zone (found day by day, then to the second). */
export function clockChangesOfYear(timeZone: string, year: number): ClockChange[] {
  const changes: ClockChange[] = [];
  const end = Date.UTC(year + 1, 0, 1) / 1000;
  for (let day = Date.UTC(year, 0, 1) / 1000; day < end; day += 86_400) {
    const at = clockChangeIn(day, Math.min(day + 86_400, end), timeZone);
    if (at !== undefined) changes.push({ at, before: offsetAt(at - 1, timeZone), after: offsetAt(at, timeZone) });
  }
  return changes;
}

/** The first instant in (after, until] with another offset than `after`'s: a clock change (at most one within hours). */
export function clockChangeIn(after: number, until: number, timeZone: string): number | undefined {
  const before = offsetAt(after, timeZone);
  if (offsetAt(until, timeZone) === before) return undefined;
  let [low, high] = [after, until];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid, timeZone) === before) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * When clocks go back, a wall time happens twice, and local calendar arithmetic names the later instant. The earlier
 * one, a shift before it, when there is one (the shift read off the offset a few hours before: clock changes are
 * months apart, and none exceeds two hours).
 */
function earlierTwin(instant: number, timeZone: string): number | undefined {
  const shift = offsetAt(instant - 3 * 3600, timeZone) - offsetAt(instant, timeZone);
  if (shift <= 0) return undefined;
  const twin = instant - shift;
  return twin + offsetAt(twin, timeZone) === instant + offsetAt(instant, timeZone) ? twin : undefined;
}

/**
 * Start of the calendar unit (in the time zone) that contains the instant: the latest instant at or before it whose
 * wall time starts the unit (so the first of a repeated autumn hour starts at its first occurrence, not its second).
 */
export function unitStart(time: number, unit: Granularity, timeZone: string): number {
  if (unit === 'hour') {
    // The last wall-clock :00 at or before it, or the clock change in between (Lord Howe's 30-minute change leaves a
    // half-hour period between its change and the next :00).
    const onTheHour = time - ((((time + offsetAt(time, timeZone)) % 3600) + 3600) % 3600);
    return Math.max(onTheHour, clockChangeIn(onTheHour, time, timeZone) ?? onTheHour);
  }
  const date = at(time, timeZone);
  const start = seconds(unit === 'day' ? startOfDay(date) : unit === 'week' ? startOfWeek(date, { weekStartsOn: 1 }) : startOfMonth(date));
  const twin = start > time ? earlierTwin(start, timeZone) : undefined;
  return twin !== undefined && twin <= time ? twin : start;
}

/**
 * Start of the unit after the one starting at `start`: local calendar arithmetic (days may be 23 or 25 hours), at the
 * first occurrence of its wall time when clocks went back over it.
 */
export function nextUnitStart(start: number, unit: Granularity, timeZone: string): number {
  if (unit === 'hour') {
    const nextOnTheHour = start + 3600 - ((((start + offsetAt(start, timeZone)) % 3600) + 3600) % 3600);
    return clockChangeIn(start, nextOnTheHour, timeZone) ?? nextOnTheHour;
  }
  const step = { day: addDays, week: addWeeks, month: addMonths }[unit];
  const next = seconds(step(at(start, timeZone), 1));
  const twin = earlierTwin(next, timeZone);
  return twin !== undefined && twin > start ? twin : next;
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

/** Where the last `limit` calendar buckets of a span start: the span's own start when it holds no more than that. */
export function startOfLastBuckets(span: Span, unit: Granularity, timeZone: string, limit: number): number {
  if (span.from >= span.to || countCalendarBuckets(span, unit, timeZone, limit) <= limit) return span.from;
  let start = unitStart(span.to - 1, unit, timeZone);
  for (let bucket = 1; bucket < limit; bucket++) start = unitStart(start - 1, unit, timeZone);
  return start;
}

/** Calendar-aligned buckets covering the span, the first and last clipped to it. */
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

/**
 * An ISO 8601 date or date-time as epoch seconds: with an offset (or Z) as it says; without one, as wall time in the
 * zone (summer or winter). Undefined when it is not one, or names an impossible date or time.
 */
export function parseWallTime(text: string, timeZone: string): number | undefined {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) return parseIsoInstant(text);
  const utc = parseIsoInstant(text); // the same wall time read as UTC: checks the calendar (no 31 November)
  if (utc === undefined) return undefined;
  const wall = new Date(utc * 1000);
  return Math.floor(new TZDate(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), timeZone).getTime() / 1000);
}

/** An instant as wall time in the zone with its offset (`+01:00`), or `Z` where the offset is zero. */
export function wallTimeWithOffset(instant: number, timeZone: string): string {
  const offset = offsetAt(instant, timeZone);
  const wall = new Date((instant + offset) * 1000).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const minutes = Math.abs(offset) / 60;
  return `${wall}${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
