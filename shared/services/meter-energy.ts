import type { Account } from '../domain/accounts.js';
import { GasEnergy, IntervalEnergy, type EnergySource, type Interval } from '../domain/energy-source.js';
import { HALF_HOUR_SECONDS } from '../domain/time.js';
import type { PricePlansReader } from '../ports/price-plans-store.js';
import { calorificValues } from './calorific-values.js';
import type { Span, TimeRange } from '../domain/time.js';
import { closeRange } from '../domain/time.js';
import type { IntervalsReader } from '../ports/intervals-store.js';
import { EnergyView, type EnergyViewDeps } from './energy-view.js';

/** The meter an answer is about: its id, its kind and its fuel (and a gas meter's units): where its energy comes from. */
export type MeterRef = Pick<Account, 'smartMeterId' | 'kind'> & Partial<Pick<Account, 'fuel' | 'units'>>;

/** What a meter's energy is read from: power meters' readings (and summaries), interval meters' half hours. */
export interface MeterEnergyDeps extends EnergyViewDeps {
  /** Absent where only power meters are read (benches and tests of readings): an interval meter there is a bug. */
  intervals?: IntervalsReader;
  /** The published calorific values a gas meter's volumes are converted with (absent: no gas meter is read). */
  pricePlans?: PricePlansReader;
}

function intervalsOf(deps: MeterEnergyDeps): IntervalsReader {
  if (!deps.intervals) throw new Error('an interval meter, read without an intervals reader');
  return deps.intervals;
}

/** Where the meter's data lies: from its first reading (or half hour) to its last, or undefined when it has none. */
export function meterBounds(deps: MeterEnergyDeps, meter: MeterRef): Promise<Span | undefined> {
  return meter.kind === 'interval' ? intervalsOf(deps).bounds(meter.smartMeterId) : deps.readings.bounds(meter.smartMeterId);
}

/** The time of the meter's first reading (or half hour's start) at or after `from`: one small read. */
export async function firstDataAt(deps: MeterEnergyDeps, meter: MeterRef, from: number): Promise<number | undefined> {
  if (meter.kind === 'interval') return (await intervalsOf(deps).listPage(meter.smartMeterId, { from, to: Number.MAX_SAFE_INTEGER }, 1)).intervals[0]?.start;
  return (await deps.readings.listPage(meter.smartMeterId, { from }, 1)).readings[0]?.time;
}

/**
 * The energy of a span, read from where there can be energy: the span cut to the meter's data (and, for readings, one
 * maximum gap around them), so a range of centuries reads (and walks) only the days that hold data. Every answer asks
 * it the same question, whatever the meter's kind: energy per span (energy-source.ts).
 */
export async function openEnergyView(deps: MeterEnergyDeps, meter: MeterRef, span: Span, bounds: Span | undefined): Promise<EnergySource> {
  if (meter.kind === 'interval') {
    const held = bounds ? { from: Math.max(span.from, bounds.from), to: Math.min(span.to, bounds.to) } : { from: 0, to: 0 };
    return intervalSource(deps, meter, held.from < held.to ? await intervalsOf(deps).list(meter.smartMeterId, held) : []);
  }
  const gap = deps.maxGapSeconds;
  const withData = bounds ? { from: Math.max(span.from, bounds.from - gap), to: Math.min(span.to, bounds.to + gap + 1) } : { from: 0, to: 0 };
  return EnergyView.open(deps, meter.smartMeterId, withData.from < withData.to ? withData : { from: span.from, to: span.from });
}

/** The span a range stands for (open ends from the meter's first and last data) and the energy over it. */
export async function energyOfRange(deps: MeterEnergyDeps, meter: MeterRef, range: TimeRange): Promise<{ span: Span; view: EnergySource }> {
  if (meter.kind === 'interval') {
    // One Query: the range's days are the data, and their first and last half hours close an open range.
    const intervals = await intervalsOf(deps).list(meter.smartMeterId, { from: range.from ?? 0, to: range.to ?? Number.MAX_SAFE_INTEGER });
    const view = await intervalSource(deps, meter, intervals);
    return { span: closeRange(range, intervals.length > 0 ? view.span : { from: 0, to: 0 }), view };
  }
  const bounds = await meterBounds(deps, meter);
  const span = closeRange(range, bounds ?? { from: 0, to: 0 });
  return { span, view: await openEnergyView(deps, meter, span, bounds) };
}

/**
 * An interval meter's half hours as energy: as stored for electricity; for gas, its volumes converted day by day with
 * the calorific values published over them (one read of the series), a day without one left unconverted.
 */
async function intervalSource(deps: MeterEnergyDeps, meter: MeterRef, intervals: readonly Interval[]): Promise<EnergySource> {
  if (meter.fuel !== 'gas') return new IntervalEnergy(intervals, deps.now());
  if (!deps.pricePlans) throw new Error('a gas meter, read without the published calorific values');
  const first = intervals[0];
  const last = intervals.at(-1);
  const values = first && last ? await calorificValues(deps.pricePlans, { from: first.start, to: last.start + HALF_HOUR_SECONDS }) : new Map<number, number>();
  return new GasEnergy(intervals, meter.units, values, deps.now());
}

