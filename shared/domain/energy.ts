import type { Reading } from './readings.js';
import { mergeSpans, type Span } from './time.js';

/** An interval between two readings longer than this is missing data and contributes no energy. */
export const DEFAULT_MAX_GAP_SECONDS = 3600;

const SECONDS_PER_HOUR = 3600;

/** Power is linear between two neighbouring readings (the trapezoid rule). */
export interface PowerInterval {
  from: number;
  to: number;
  fromKw: number;
  toKw: number;
}

/** The intervals that carry energy: neighbours in time no further apart than maxGapSeconds. */
export function* powerIntervals(sorted: readonly Reading[], maxGapSeconds = DEFAULT_MAX_GAP_SECONDS): Generator<PowerInterval> {
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const span = b.time - a.time;
    if (span > 0 && span <= maxGapSeconds) yield { from: a.time, to: b.time, fromKw: a.reading, toKw: b.reading };
  }
}

/** Power (kW) at instant t inside the interval, by linear interpolation. */
function powerAt(interval: PowerInterval, t: number): number {
  const share = (t - interval.from) / (interval.to - interval.from);
  return interval.fromKw + (interval.toKw - interval.fromKw) * share;
}

/** Energy (kWh) of the part of an interval between a and b (clipped to the interval). */
export function intervalEnergyKwh(interval: PowerInterval, a = interval.from, b = interval.to): number {
  const start = Math.max(a, interval.from);
  const end = Math.min(b, interval.to);
  if (end <= start) return 0;
  return ((powerAt(interval, start) + powerAt(interval, end)) / 2) * ((end - start) / SECONDS_PER_HOUR);
}

/** Energy (kWh) of readings sorted by time: power integrated over time, gaps skipped. */
export function energyKwh(sorted: readonly Reading[], maxGapSeconds = DEFAULT_MAX_GAP_SECONDS): number {
  return energyInRangeKwh(sorted, -Infinity, Infinity, maxGapSeconds);
}

/** Energy (kWh) inside [from, to): intervals cut by the range contribute their interpolated share. */
export function energyInRangeKwh(sorted: readonly Reading[], from: number, to: number, maxGapSeconds = DEFAULT_MAX_GAP_SECONDS): number {
  return energyPerPeriodKwh(sorted, [{ from, to }], maxGapSeconds)[0]!;
}

/**
 * Energy (kWh) per period, for periods sorted by time and not overlapping: each interval is split exactly at the
 * period boundaries it crosses. Periods with no data get 0. The one sweep behind every energy and cost figure.
 */
export function energyPerPeriodKwh(
  sorted: readonly Reading[],
  periods: readonly Span[],
  maxGapSeconds = DEFAULT_MAX_GAP_SECONDS,
): number[] {
  const totals = periods.map(() => 0);
  let first = 0; // earliest period that can still overlap an interval (intervals come in time order)
  for (const interval of powerIntervals(sorted, maxGapSeconds)) {
    while (first < periods.length && periods[first]!.to <= interval.from) first++;
    if (first === periods.length) break; // every later interval lies past the last period
    for (let p = first; p < periods.length && periods[p]!.from < interval.to; p++) {
      totals[p]! += intervalEnergyKwh(interval, periods[p]!.from, periods[p]!.to);
    }
  }
  return totals;
}

/**
 * The stretches of the span that carry energy: runs of neighbouring intervals with no missing data between them,
 * clipped to the span. Costing walks only these, so its work grows with the readings, not with the span's length.
 */
export function coveredRuns(sorted: readonly Reading[], span: Span, maxGapSeconds = DEFAULT_MAX_GAP_SECONDS): Span[] {
  const clipped: Span[] = [];
  for (const interval of powerIntervals(sorted, maxGapSeconds)) {
    const from = Math.max(interval.from, span.from);
    const to = Math.min(interval.to, span.to);
    if (from < to) clipped.push({ from, to });
  }
  return mergeSpans(clipped);
}
