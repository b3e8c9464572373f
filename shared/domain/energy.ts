import type { Reading } from './readings.js';

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
export function powerAt(interval: PowerInterval, t: number): number {
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
  let total = 0;
  for (const interval of powerIntervals(sorted, maxGapSeconds)) total += intervalEnergyKwh(interval);
  return total;
}
