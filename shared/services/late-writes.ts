import { LATE_WRITE_LEASE_SECONDS, settledDaysTouched } from '../domain/energy-summaries.js';
import type { SummariesStore } from '../ports/summaries-store.js';

export interface LateWriteDeps {
  /** Absent: no summaries are kept, so no day needs marking. */
  summaries?: SummariesStore;
  maxGapSeconds: number;
  now: () => number;
  /** Told how many settled days a late write marked (metrics). */
  onLateDays?: (days: number) => void;
}

/** Settled days a write at these times may change: their summaries must not be trusted while or after it lands. */
export function lateDays(deps: LateWriteDeps, times: readonly number[]): number[] {
  return deps.summaries ? settledDaysTouched(times, deps.now(), deps.maxGapSeconds) : [];
}

/**
 * Runs a write to settled days between two version bumps: the first (with a lease) stops summaries being made or
 * trusted while it runs, the second invalidates any made from a partial view. In-order readings touch no settled
 * day, so live meters pay nothing for this.
 */
export async function whileMarked<T>(deps: LateWriteDeps, smartMeterId: string, days: readonly number[], write: () => Promise<T>): Promise<T> {
  if (days.length === 0 || !deps.summaries) return write();
  await deps.summaries.markDays(smartMeterId, days, deps.now() + LATE_WRITE_LEASE_SECONDS);
  const result = await write();
  await deps.summaries.markDays(smartMeterId, days);
  deps.onLateDays?.(days.length);
  return result;
}
