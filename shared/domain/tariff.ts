import { TZDate } from '@date-fns/tz';
import { clockChangeIn, nextUnitStart, offsetAt, unitStart } from './calendar.js';
import { DAYS_OF_WEEK } from './price-plan-catalogue.js';
import { directionOf, versionsOver, type PricePlan, type RateVersion } from './price-plans.js';
import { DAY_SECONDS, DEFAULT_TIME_ZONE, HALF_HOUR_SECONDS, halfHourOf, type Span } from './time.js';

/** A stretch of time over which a plan's rate per kWh is constant; no rate: no price is known (never a guess). */
export interface RateSegment extends Span {
  rate: number | undefined;
}

/** A dynamic plan's published unit rates: half-hour start (epoch seconds, :00 or :30 UTC) → rate without VAT. */
export type HalfHourPrices = ReadonlyMap<number, number>;

/** A fixed version's rates as one flat tariff, in the plan's zone. */
interface FixedTariff extends RateVersion {
  unitRate: number;
  timeZone: string;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Rate per kWh at an instant: the first band holding the plan's local time (else unitRate), × that day's multiplier. */
function fixedRateAt(plan: FixedTariff, time: number): number {
  const local = new Date((time + offsetAt(time, plan.timeZone)) * 1000); // the plan's wall time, read in UTC
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const band = plan.timeOfUse?.find(({ from, to }) => {
    const [start, end] = [minutesOf(from), minutesOf(to)];
    return start < end ? minute >= start && minute < end : minute >= start || minute < end; // start > end wraps midnight
  });
  const day = DAYS_OF_WEEK[local.getUTCDay()];
  const multiplier = plan.peakTimeMultipliers?.find((m) => m.dayOfWeek === day)?.multiplier ?? 1;
  return (band?.unitRate ?? plan.unitRate) * multiplier;
}

/**
 * The period cut wherever the plan's rate can change (local midnights, band edges, daylight-saving changes), each
 * piece with its rate. A flat plan is one segment. Extra cuts are harmless: each piece is priced at its midpoint.
 */
function fixedRateSegments(plan: FixedTariff, period: Span): RateSegment[] {
  if (period.to <= period.from) return [];
  if (!plan.timeOfUse?.length && !plan.peakTimeMultipliers?.length) return [{ ...period, rate: plan.unitRate }];
  const timeZone = plan.timeZone;
  const edges = (plan.timeOfUse ?? []).flatMap((band) => [minutesOf(band.from), minutesOf(band.to)]);
  const cuts = new Set<number>([period.from, period.to]);
  for (let day = unitStart(period.from, 'day', timeZone); day < period.to; ) {
    const next = nextUnitStart(day, 'day', timeZone);
    cuts.add(day);
    const offsets = new Set([offsetAt(day, timeZone), offsetAt(next - 1, timeZone)]);
    if (offsets.size > 1) cuts.add(clockChangeIn(day, next - 1, timeZone)!);
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
    segments.push({ from, to, rate: fixedRateAt(plan, (from + to) / 2) });
  }
  return segments;
}

/** A dynamic plan's half hours over a period, each at its published rate (none where nothing is published). */
function publishedRateSegments(prices: HalfHourPrices, period: Span): RateSegment[] {
  const segments: RateSegment[] = [];
  for (let from = period.from; from < period.to; ) {
    const start = halfHourOf(from);
    const to = Math.min(start + HALF_HOUR_SECONDS, period.to);
    segments.push({ from, to, rate: prices.get(start) });
    from = to;
  }
  return segments;
}

/**
 * What a kWh exported at a published or fixed price costs the household: minus what it is paid, and a negative price
 * (a dynamic export plan may publish one) pays nothing, so a credit is never a charge. `0 -` keeps zero positive.
 */
const exportedRate = (segment: RateSegment): RateSegment => (segment.rate === undefined ? segment : { ...segment, rate: 0 - Math.max(0, segment.rate) });

/**
 * The rate segments of a plan over the stretches that may carry energy (in time order, not overlapping): cut at each
 * version's start, then at whatever changes the rate inside a version (bands, local days, DST, published half hours).
 * Rates are what a kWh costs the household: an export plan's are negative (a credit), so every sum of costs nets.
 */
export function rateSegmentsOver(plan: PricePlan, spans: readonly Span[], prices: HalfHourPrices = new Map()): RateSegment[] {
  const segments = priceSegmentsOver(plan, spans, prices);
  return directionOf(plan) === 'export' ? segments.map(exportedRate) : segments;
}

/** The plan's prices as stated (what it charges for import, pays for export; negative as published) over the stretches. */
export function priceSegmentsOver(plan: PricePlan, spans: readonly Span[], prices: HalfHourPrices = new Map()): RateSegment[] {
  const timeZone = plan.timeZone ?? DEFAULT_TIME_ZONE;
  return spans.flatMap((run) =>
    versionsOver(plan, run).flatMap(({ version, ...piece }) => {
      if (!version) return [{ ...piece, rate: undefined }];
      if (plan.dynamic) return publishedRateSegments(prices, piece);
      return fixedRateSegments({ ...version, unitRate: version.unitRate!, timeZone }, piece);
    }),
  );
}

/** A plan's unit rate (without VAT) at an instant; undefined where no price is known. */
export function rateAt(plan: PricePlan, time: number, prices?: HalfHourPrices): number | undefined {
  return rateSegmentsOver(plan, [{ from: time, to: time + 1 }], prices)[0]?.rate;
}

/** What energy costs over rate segments (without VAT), and how much of it has no known price or no known kWh. */
export interface SegmentsCost {
  cost: number;
  unpricedKWh: number;
  /** Gas whose kWh is not known yet (no published calorific value), in m³: it is in no cost. */
  unconvertedM3: number;
}

/**
 * Σ energy × rate over the segments, given each segment's energy (kWh); energy without a rate is counted apart, and
 * so is each segment's volume not converted yet (when the source has any).
 */
export function segmentsCost(segments: readonly RateSegment[], energy: readonly number[], unconverted?: readonly number[]): SegmentsCost {
  let cost = 0;
  let unpricedKWh = 0;
  let unconvertedM3 = 0;
  segments.forEach((segment, i) => {
    if (segment.rate === undefined) unpricedKWh += energy[i]!;
    else cost += energy[i]! * segment.rate;
    unconvertedM3 += unconverted?.[i] ?? 0;
  });
  return { cost, unpricedKWh, unconvertedM3 };
}

/**
 * The standing charge over a span (without VAT), prorated by its length in (24-hour) days, each part at the version
 * in force then: arithmetic, whatever the length.
 */
export function standingCharge(plan: PricePlan, span: Span): number {
  if (span.to <= span.from) return 0;
  return versionsOver(plan, span).reduce((sum, { from, to, version }) => sum + ((version?.standingChargePerDay ?? 0) * (to - from)) / DAY_SECONDS, 0);
}
