import type { Reading } from '../domain/readings.js';

/** A time range in epoch seconds: from inclusive, to exclusive; either end may be open. */
export interface TimeRange {
  from?: number;
  to?: number;
}

/** One page of readings; `next` is the `from` that continues after it, absent on the last page. */
export interface ReadingsPage {
  readings: Reading[];
  next?: number;
}

/** Where meter readings live. Implementations must be idempotent per (meter, time): last value wins. */
export interface ReadingsStore {
  /** Stores readings; resolves only once every reading is durably written, else rejects. */
  save(smartMeterId: string, readings: readonly Reading[]): Promise<void>;
  /** Readings in the range, ascending by time, one per instant. */
  list(smartMeterId: string, range?: TimeRange): Promise<Reading[]>;
  /** At most `limit` readings of the range, ascending by time, reading no more than it needs. */
  listPage(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage>;
}
