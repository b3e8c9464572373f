import type { Account } from '../domain/accounts.js';
import { IntervalEnergy, type EnergySource } from '../domain/energy-source.js';
import type { Span, TimeRange } from '../domain/time.js';
import { closeRange } from '../domain/time.js';
import type { IntervalsReader } from '../ports/intervals-store.js';
import { EnergyView, type EnergyViewDeps } from './energy-view.js';

/** The meter an answer is about: its id, and its kind, which says where its energy comes from. */
export type MeterRef = Pick<Account, 'smartMeterId' | 'kind'>;

/** What a meter's energy is read from: power meters' readings (and summaries), interval meters' half hours. */
export interface MeterEnergyDeps extends EnergyViewDeps {
  /** Absent where only power meters are read (benches and tests of readings): an interval meter there is a bug. */
  intervals?: IntervalsReader;
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
    return new IntervalEnergy(held.from < held.to ? await intervalsOf(deps).list(meter.smartMeterId, held) : [], deps.now());
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
    const view = new IntervalEnergy(intervals, deps.now());
    return { span: closeRange(range, intervals.length > 0 ? view.span : { from: 0, to: 0 }), view };
  }
  const bounds = await meterBounds(deps, meter);
  const span = closeRange(range, bounds ?? { from: 0, to: 0 });
  return { span, view: await openEnergyView(deps, meter, span, bounds) };
}
