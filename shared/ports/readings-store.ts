import type { Reading } from '../domain/readings.js';
import type { Span, TimeRange } from '../domain/time.js';

/** One page of readings; `next` is the `from` that continues after it, absent on the last page. */
export interface ReadingsPage {
  readings: Reading[];
  next?: number;
}

/** Reading a meter's readings: what every figure of usage and cost needs. */
export interface ReadingsReader {
  /** Readings in the range, ascending by time, one per instant. */
  list(smartMeterId: string, range?: TimeRange): Promise<Reading[]>;
  /** At most `limit` readings of the range, ascending by time, reading no more than it needs. */
  listPage(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage>;
  /** The times of the meter's first and last readings (`to` is the last reading's time), or undefined when none. */
  bounds(smartMeterId: string): Promise<Span | undefined>;
  /** The time of the meter's last reading, or undefined when none: one small read (meter health). */
  lastReadingAt(smartMeterId: string): Promise<number | undefined>;
}

/** Where meter readings live. Implementations must be idempotent per (meter, time): last value wins. */
export interface ReadingsStore extends ReadingsReader {
  /** Stores readings; resolves only once every reading is durably written, else rejects. */
  save(smartMeterId: string, readings: readonly Reading[]): Promise<void>;
  /**
   * Stores the readings of a meter that has none yet in their span (the demo's week, a fixture), in as few writes as
   * the store allows; resolves once every reading is durably written. What the span already held may be replaced,
   * not merged: readings that arrive while the meter is live go through `save`.
   */
  seed(smartMeterId: string, readings: readonly Reading[]): Promise<void>;
  /**
   * Deletes the readings in the span, at most `maxBuckets` storage items per call, so the work of one call is
   * bounded; `complete` is false when readings of the span remain (call again: deletion is idempotent).
   */
  deleteRange(smartMeterId: string, span: Span, maxBuckets: number): Promise<{ deleted: number; complete: boolean }>;
}
