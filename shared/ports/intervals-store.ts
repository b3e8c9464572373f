import type { Interval } from '../domain/energy-source.js';
import type { Span } from '../domain/time.js';

/** One page of half hours; `next` is the start that continues after it, absent on the last page. */
export interface IntervalsPage {
  intervals: Interval[];
  next?: number;
}

/** Reading an interval meter's half hours: what every figure of usage and cost needs. */
export interface IntervalsReader {
  /** The intervals whose half hour starts in the span, ascending. */
  list(smartMeterId: string, span: Span): Promise<Interval[]>;
  /** At most `limit` intervals of the span, ascending, reading no more days than it needs. */
  listPage(smartMeterId: string, span: Span, limit: number): Promise<IntervalsPage>;
  /** From the first interval's start to the last one's end, or undefined when none. */
  bounds(smartMeterId: string): Promise<Span | undefined>;
  /** The end of the meter's last half hour, or undefined when none: one small read (meter health). */
  lastEnd(smartMeterId: string): Promise<number | undefined>;
}

/** What a call of `save` changed: half hours held for the first time, and half hours whose value changed. */
export interface IntervalsSaved {
  stored: number;
  replaced: number;
}

/**
 * Where interval meters' half hours live: one value per (meter, half hour); a new value replaces the old. A value is
 * in the meter's own unit (meter-kinds.ts `intervalUnitOf`): kWh for electricity, volume for gas, which the gas
 * energy source converts with the day's calorific value; it is carried in an Interval's `kWh` field either way.
 */
export interface IntervalsStore extends IntervalsReader {
  /** Stores intervals (starts on the half-hour grid, distinct); resolves once every changed day is durably written. */
  save(smartMeterId: string, intervals: readonly Interval[]): Promise<IntervalsSaved>;
}
