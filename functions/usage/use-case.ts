import { calendarBuckets, countCalendarBuckets, startOfLastBuckets, type Granularity } from '../../shared/domain/calendar.js';
import { closeRange, cutAtHalfHours, halfHourOf, type Span, type TimeRange } from '../../shared/domain/time.js';
import { ValidationError } from '../../shared/errors.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { carbonIntensity } from '../../shared/services/half-hour-rates.js';
import { GasEnergy, type EnergySource } from '../../shared/domain/energy-source.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps, type MeterRef } from '../../shared/services/meter-energy.js';
import type { UsageReport } from './docs.js';

/** A usage report's buckets are bounded so the answer stays small (hourly over a year is 8,784). */
export const MAX_USAGE_BUCKETS = 10_000;

/**
 * Energy per calendar bucket of the time zone; without a range, from the first to the last reading. The bucket
 * count is checked before any reading is loaded.
 */
export async function usageReport(deps: MeterEnergyDeps & { pricePlans?: PricePlansReader }, meter: MeterRef, range: TimeRange, groupBy: Granularity, timeZone: string): Promise<UsageReport> {
  const { smartMeterId } = meter;
  const bounds = await meterBounds(deps, meter);
  const span = closeRange(range, bounds ?? { from: 0, to: 0 });
  // Without a `from`, a history longer than the limit answers its latest periods rather than refusing: "all history"
  // by hour then shows the last 10,000 hours. A range the caller chose is refused instead, saying why.
  if (range.from === undefined) span.from = startOfLastBuckets(span, groupBy, timeZone, MAX_USAGE_BUCKETS);
  if (span.from < span.to && countCalendarBuckets(span, groupBy, timeZone, MAX_USAGE_BUCKETS) > MAX_USAGE_BUCKETS) {
    throw new ValidationError(`from/to span more than ${MAX_USAGE_BUCKETS} ${groupBy} periods: narrow the range or group by a longer period`);
  }
  const buckets = span.from < span.to ? calendarBuckets(span, groupBy, timeZone) : [];
  const view = await openEnergyView(deps, meter, span, bounds);
  const [energy] = buckets.length > 0 ? await view.energy([buckets]) : [[]];
  const coverage = buckets.length > 0 ? await view.coverage(buckets) : [];
  const carbon = deps.pricePlans && buckets.length > 0 ? await emissions(deps.pricePlans, view, buckets) : [];
  // A gas meter's periods also say their volume, and whether every half hour of it could be converted to kWh.
  const gas = view instanceof GasEnergy && buckets.length > 0 ? await gasVolumes(view, buckets) : [];
  return {
    smartMeterId,
    unit: 'kWh',
    groupBy,
    timeZone,
    periods: buckets.map((b, i) => ({ from: b.from, to: b.to, kWh: energy![i]!, coverage: coverage[i]!, ...carbon[i], ...gas[i] })),
  };
}

/**
 * Each bucket's emissions where carbon intensity is published: Σ energy × gCO2/kWh over the half hours (cut at bucket
 * edges) that have an intensity, and whether every half hour of the bucket had one. Nothing is read or added where
 * no intensity is published.
 */
async function emissions(pricePlans: PricePlansReader, view: EnergySource, buckets: readonly Span[]): Promise<({ gCO2: number; gCO2Complete: boolean } | undefined)[]> {
  const intensity = await carbonIntensity(pricePlans, buckets[0]!.from, buckets.at(-1)!.to);
  if (intensity.size === 0) return [];
  const pieces: (Span & { bucket: number; g: number })[] = [];
  const complete = buckets.map(() => true);
  for (const piece of cutAtHalfHours(buckets.map((b, bucket) => ({ from: b.from, to: b.to, bucket })))) {
    const g = intensity.get(halfHourOf(piece.from));
    if (g === undefined) complete[piece.bucket] = false;
    else pieces.push({ ...piece, g });
  }
  if (pieces.length === 0) return [];
  const [energy] = await view.energy([pieces]);
  const grams = buckets.map(() => undefined as number | undefined);
  pieces.forEach((piece, i) => (grams[piece.bucket] = (grams[piece.bucket] ?? 0) + energy![i]! * piece.g));
  return grams.map((gCO2, i) => (gCO2 === undefined ? undefined : { gCO2, gCO2Complete: complete[i]! }));
}

/** Each bucket's gas volume (m³) and whether all of it has a published calorific value (so its kWh are whole). */
async function gasVolumes(view: GasEnergy, buckets: readonly Span[]): Promise<{ m3: number; cvComplete: boolean }[]> {
  return (await view.gasIn(buckets)).map(({ m3, unconvertedM3 }) => ({ m3, cvComplete: unconvertedM3 === 0 }));
}

