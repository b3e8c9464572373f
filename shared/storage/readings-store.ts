import type { Reading } from '../domain/readings.js';

/** A time range in epoch seconds: from inclusive, to exclusive; either end may be open. */
export interface TimeRange {
  from?: number;
  to?: number;
}

/** Where meter readings live. Implementations must be idempotent per (meter, time): last value wins. */
export interface ReadingsStore {
  /** Stores readings; resolves only once every reading is durably written, else rejects. */
  save(smartMeterId: string, readings: readonly Reading[]): Promise<void>;
  /** Readings in the range, ascending by time, one per instant. */
  list(smartMeterId: string, range?: TimeRange): Promise<Reading[]>;
  /** Whether the meter has any reading at all (one small read). */
  hasReadings(smartMeterId: string): Promise<boolean>;
}
