import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMonths, addWeeks, startOfDay, startOfHour, startOfMonth, startOfWeek } from 'date-fns';

/** Calendar periods readings are grouped by. Weeks start on Monday 00:00 local time. */
export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const DEFAULT_TIME_ZONE = 'Europe/London';

export interface Period {
  /** Epoch seconds, inclusive. */
  from: number;
  /** Epoch seconds, exclusive. */
  to: number;
}

const supported = new Set<string>(['UTC', ...Intl.supportedValuesOf('timeZone')]);

export function isTimeZone(name: string): boolean {
  return supported.has(name);
}

const at = (seconds: number, timeZone: string) => new TZDate(seconds * 1000, timeZone);
const seconds = (date: Date) => Math.round(date.getTime() / 1000);

/** Start of the calendar period (in the time zone) that contains the instant. */
export function periodStart(time: number, unit: Granularity, timeZone: string): number {
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

/** Start of the period after the one starting at `start`: local calendar arithmetic (days may be 23 or 25 hours). */
export function nextPeriodStart(start: number, unit: Granularity, timeZone: string): number {
  const date = at(start, timeZone);
  const step = { hour: addHours, day: addDays, week: addWeeks, month: addMonths }[unit];
  return seconds(step(date, 1));
}

/** Calendar-aligned periods covering [from, to), the first and last clipped to the range. */
export function calendarPeriods(range: Period, unit: Granularity, timeZone: string, maxPeriods: number): Period[] {
  const periods: Period[] = [];
  let start = periodStart(range.from, unit, timeZone);
  while (start < range.to) {
    const end = nextPeriodStart(start, unit, timeZone);
    periods.push({ from: Math.max(start, range.from), to: Math.min(end, range.to) });
    if (periods.length > maxPeriods) throw new RangeError(`more than ${maxPeriods} periods`);
    start = end;
  }
  return periods;
}

/** The previous calendar week: Monday 00:00 to Monday 00:00 local time, before the week holding `now`. */
export function lastWeek(now: number, timeZone: string): Period {
  const thisWeek = periodStart(now, 'week', timeZone);
  return { from: seconds(addWeeks(at(thisWeek, timeZone), -1)), to: thisWeek };
}

/** The seven local days before today (today excluded). */
export function lastSevenDays(now: number, timeZone: string): Period {
  const today = periodStart(now, 'day', timeZone);
  return { from: seconds(addDays(at(today, timeZone), -7)), to: today };
}
