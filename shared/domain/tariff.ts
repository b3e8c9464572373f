import { TZDate } from '@date-fns/tz';
import { nextUnitStart, unitStart } from './calendar.js';
import { DAYS_OF_WEEK, type PricePlan } from './price-plans.js';
import { DAY_SECONDS, DEFAULT_TIME_ZONE, type Span } from './time.js';

/** A stretch of time over which a plan's rate per kWh is constant. */
export interface RateSegment extends Span {
  rate: number;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const offsetSeconds = (time: number, timeZone: string) => -new TZDate(time * 1000, timeZone).getTimezoneOffset() * 60;

/** Rate per kWh at an instant: the first band holding the plan's local time (else unitRate), × that day's multiplier. */
export function rateAt(plan: PricePlan, time: number): number {
  const local = new TZDate(time * 1000, plan.timeZone ?? DEFAULT_TIME_ZONE);
  const minute = local.getHours() * 60 + local.getMinutes();
  const band = plan.timeOfUse?.find(({ from, to }) => {
    const [start, end] = [minutesOf(from), minutesOf(to)];
    return start < end ? minute >= start && minute < end : minute >= start || minute < end; // start > end wraps midnight
  });
  const day = DAYS_OF_WEEK[local.getDay()];
  const multiplier = plan.peakTimeMultipliers?.find((m) => m.dayOfWeek === day)?.multiplier ?? 1;
  return (band?.unitRate ?? plan.unitRate) * multiplier;
}

/** The instant a UTC-offset change happens inside (start, end], to the second. */
function offsetChange(start: number, end: number, timeZone: string): number {
  const before = offsetSeconds(start, timeZone);
  let [low, high] = [start, end];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetSeconds(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The period cut wherever the plan's rate can change (local midnights, band edges, daylight-saving changes), each
 * piece with its rate. A flat plan is one segment. Extra cuts are harmless: each piece is priced at its midpoint.
 */
function rateSegments(plan: PricePlan, period: Span): RateSegment[] {
  if (period.to <= period.from) return [];
  if (!plan.timeOfUse?.length && !plan.peakTimeMultipliers?.length) return [{ ...period, rate: plan.unitRate }];
  const timeZone = plan.timeZone ?? DEFAULT_TIME_ZONE;
  const edges = (plan.timeOfUse ?? []).flatMap((band) => [minutesOf(band.from), minutesOf(band.to)]);
  const cuts = new Set<number>([period.from, period.to]);
  for (let day = unitStart(period.from, 'day', timeZone); day < period.to; ) {
    const next = nextUnitStart(day, 'day', timeZone);
    cuts.add(day);
    const offsets = new Set([offsetSeconds(day, timeZone), offsetSeconds(next - 1, timeZone)]);
    if (offsets.size > 1) cuts.add(offsetChange(day, next - 1, timeZone));
    // Wall-clock midnight of this local day, read as if it were UTC; an edge at local minute m under offset o is then
    // at wallMidnight + 60m - o. Both offsets of a daylight-saving day are tried: the wrong one only adds a cut.
    const local = new TZDate(day * 1000, timeZone);
    const wallMidnight = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / 1000;
    for (const offset of offsets) for (const minute of edges) cuts.add(wallMidnight + minute * 60 - offset);
    day = next;
  }
  const sorted = [...cuts].filter((t) => t >= period.from && t <= period.to).sort((a, b) => a - b);
  const segments: RateSegment[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [from, to] = [sorted[i - 1]!, sorted[i]!];
    segments.push({ from, to, rate: rateAt(plan, (from + to) / 2) });
  }
  return segments;
}

/** The rate segments of a plan over the stretches that may carry energy (in time order, not overlapping). */
export function rateSegmentsOver(plan: PricePlan, coverage: readonly Span[]): RateSegment[] {
  return coverage.flatMap((run) => rateSegments(plan, run));
}

/** Σ energy × rate over the segments, given each segment's energy (kWh). */
export function segmentsCost(segments: readonly RateSegment[], energy: readonly number[]): number {
  return segments.reduce((cost, segment, i) => cost + energy[i]! * segment.rate, 0);
}

/** The standing charge over a span, prorated by its length in (24-hour) days: arithmetic, whatever the length. */
export function standingCharge(plan: PricePlan, span: Span): number {
  return ((plan.standingChargePerDay ?? 0) * Math.max(0, span.to - span.from)) / DAY_SECONDS;
}
