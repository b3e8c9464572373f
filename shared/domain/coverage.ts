import { HALF_HOUR_SECONDS, type Span } from './time.js';

/**
 * Data completeness. A span's coverage is the share of its half hours (the UTC :00/:30 grid, so a local day of a
 * clock change has 46 or 50) in which a reading interval carrying energy lies: one not longer than the maximum gap
 * (see energy.ts `coveredRuns`). A half hour the span cuts counts by its part inside the span.
 */

/** All of time: the span to find every covered run of some readings in. */
export const EVER: Span = { from: -Infinity, to: Infinity };

/** How many grid half hours a span overlaps. */
export const halfHoursOverlapping = (span: Span) =>
  span.to <= span.from ? 0 : Math.ceil(span.to / HALF_HOUR_SECONDS) - Math.floor(span.from / HALF_HOUR_SECONDS);

/** How many grid half hours these runs (sorted, not overlapping) touch, each counted once. */
export function halfHoursTouched(runs: readonly Span[]): number {
  let count = 0;
  let next = -Infinity; // the first half hour not counted yet
  for (const run of runs) {
    const first = Math.max(Math.floor(run.from / HALF_HOUR_SECONDS), next);
    const end = Math.ceil(run.to / HALF_HOUR_SECONDS);
    if (end > first) count += end - first;
    next = Math.max(next, end);
  }
  return count;
}

/**
 * Half hours touched in each span, for runs (sorted, merged) and spans (sorted, not overlapping): one sweep, so
 * thousands of hourly periods over a year of readings cost the readings once, not once per period.
 */
export function halfHoursTouchedPerSpan(runs: readonly Span[], spans: readonly Span[]): number[] {
  let first = 0; // the earliest run that can still reach a span (spans come in time order)
  return spans.map((span) => {
    while (first < runs.length && runs[first]!.to <= span.from) first++;
    const inside: Span[] = [];
    for (let r = first; r < runs.length && runs[r]!.from < span.to; r++) {
      inside.push({ from: Math.max(runs[r]!.from, span.from), to: Math.min(runs[r]!.to, span.to) });
    }
    return halfHoursTouched(inside);
  });
}

/**
 * Covered half hours over all of them, rounded to 3 decimals; 1 only when every half hour holds data (one missing in
 * 2,000 says 0.999, not 1), 0 for a span with no half hours.
 */
export function coverageShare(covered: number, total: number): number {
  if (total === 0) return 0;
  if (covered >= total) return 1;
  return Math.min(Math.round((covered / total) * 1000) / 1000, 0.999);
}

/**
 * Periods cut to end with the current half hour (now's included): a half hour still to come is neither covered nor
 * missing, so it counts in no share.
 */
export function periodsUpTo(periods: readonly Span[], now: number): Span[] {
  const end = Math.ceil(now / HALF_HOUR_SECONDS) * HALF_HOUR_SECONDS;
  return periods.map((p) => ({ from: p.from, to: Math.max(p.from, Math.min(p.to, end)) }));
}

/** Each period's coverage from its count of covered half hours. */
export const coverageShares = (covered: readonly number[], periods: readonly Span[]): number[] =>
  periods.map((p, i) => coverageShare(covered[i]!, halfHoursOverlapping(p)));

