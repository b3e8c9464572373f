import type { DaySummary } from '../domain/energy-summaries.js';

/** What the store knows of a day: its version (bumped by late writes), a lease, and the summary it holds, if any. */
export interface DayState {
  day: number;
  /** Starts at 0; every late write to the day adds 1 before and 1 after writing. */
  version: number;
  /** A late write in progress keeps the day from being summarized until then (epoch seconds). */
  leaseUntil?: number;
  /** The summary's tag (`summaryTag`: version, max gap, format); trusted only when it equals the current one. */
  tag?: string;
  kWh?: number;
  /** How many of the day's half hours hold data (see coverage.ts), stored with the summary. */
  halfHoursCovered?: number;
}

/** Per-day energy summaries beside the readings, and the versions that prove them current. */
export interface SummariesStore {
  /** The states of the days in [fromDay, toDay] that have one, strongly consistent. */
  dayStates(smartMeterId: string, fromDay: number, toDay: number): Promise<Map<number, DayState>>;
  /** The half hours of these days, with the tag they were made at (a day's may be missing or older). */
  daySlots(smartMeterId: string, days: readonly number[]): Promise<Map<number, DaySlots>>;
  /**
   * Stores a day's summary made from readings read after seeing `version`; lands only if the day's version is still
   * `version` and no late write holds a lease at `now`. Resolves whether it landed.
   */
  saveSummary(smartMeterId: string, summary: DaySummary, version: number, tag: string, now: number): Promise<boolean>;
  /** Bumps the version of every day given (a late write starting or ending); a lease until `leaseUntil` when given. */
  markDays(smartMeterId: string, days: readonly number[], leaseUntil?: number): Promise<void>;
}

/** A day's half hours: kWh of each and whether it holds data, with the tag they were made at. */
export interface DaySlots {
  tag: string;
  slots: number[];
  covered: boolean[];
}

/**
 * `<version>/<max gap>/<format>`: the format changes when a summary gains a field, so summaries stored before (the
 * first ones held no coverage) are never trusted, only remade on their next read.
 */
export const summaryTag = (version: number, maxGapSeconds: number) => `${version}/${maxGapSeconds}/2`;
