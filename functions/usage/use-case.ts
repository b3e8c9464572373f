import { calendarBuckets, countCalendarBuckets, startOfLastBuckets, type Granularity } from '../../shared/domain/calendar.js';
import { closeRange, type TimeRange } from '../../shared/domain/time.js';
import { ValidationError } from '../../shared/errors.js';
import type { EnergyViewDeps } from '../../shared/services/energy-view.js';
import { openEnergyView } from '../../shared/services/meter-energy.js';
import type { UsageReport } from './docs.js';

/** A usage report's buckets are bounded so the answer stays small (hourly over a year is 8,784). */
export const MAX_USAGE_BUCKETS = 10_000;

/**
 * Energy per calendar bucket of the time zone; without a range, from the first to the last reading. The bucket
 * count is checked before any reading is loaded.
 */
export async function usageReport(deps: EnergyViewDeps, smartMeterId: string, range: TimeRange, groupBy: Granularity, timeZone: string): Promise<UsageReport> {
  const bounds = await deps.readings.bounds(smartMeterId);
  const span = closeRange(range, bounds ?? { from: 0, to: 0 });
  // Without a `from`, a history longer than the limit answers its latest periods rather than refusing: "all history"
  // by hour then shows the last 10,000 hours. A range the caller chose is refused instead, saying why.
  if (range.from === undefined) span.from = startOfLastBuckets(span, groupBy, timeZone, MAX_USAGE_BUCKETS);
  if (span.from < span.to && countCalendarBuckets(span, groupBy, timeZone, MAX_USAGE_BUCKETS) > MAX_USAGE_BUCKETS) {
    throw new ValidationError(`from/to span more than ${MAX_USAGE_BUCKETS} ${groupBy} periods: narrow the range or group by a longer period`);
  }
  const buckets = span.from < span.to ? calendarBuckets(span, groupBy, timeZone) : [];
  const view = await openEnergyView(deps, smartMeterId, span, bounds);
  const [energy] = buckets.length > 0 ? await view.energy([buckets]) : [[]];
  return {
    smartMeterId,
    unit: 'kWh',
    groupBy,
    timeZone,
    periods: buckets.map((b, i) => ({ from: b.from, to: b.to, kWh: energy![i]! })),
  };
}
