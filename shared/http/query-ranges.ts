import { lastSevenDays, lastWeek, type Period } from '../domain/calendar.js';
import { ValidationError } from '../errors.js';
import type { TimeRange } from '../storage/readings-store.js';
import type { COST_PERIODS } from './api-schemas.js';

/** from/to of a query: both optional, from inclusive, to exclusive, and from before to. */
export function timeRange(query: { from?: number; to?: number }): TimeRange {
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    throw new ValidationError('from must be before to');
  }
  return { from: query.from, to: query.to };
}

/** The period a cost query names: a relative period evaluated at `at` (default now), or an explicit from/to. */
export function costPeriod(
  query: { from?: number; to?: number; period?: (typeof COST_PERIODS)[number]; at?: number; tz: string },
  now: number,
): Period {
  if (query.period !== undefined) {
    if (query.from !== undefined || query.to !== undefined) throw new ValidationError('period cannot be combined with from/to');
    const at = query.at ?? now;
    return query.period === 'last-week' ? lastWeek(at, query.tz) : lastSevenDays(at, query.tz);
  }
  if (query.from === undefined || query.to === undefined) {
    throw new ValidationError('period is required, or both from and to');
  }
  if (query.at !== undefined) throw new ValidationError('at applies only to a relative period');
  return timeRange(query) as Period;
}
