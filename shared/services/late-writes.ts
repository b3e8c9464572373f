import { LATE_WRITE_LEASE_SECONDS, leaseCoversWrite, settledDaysTouched } from '../domain/energy-summaries.js';
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
 * trusted while it runs, the second invalidates any made from a partial view. Days still under an earlier write's
 * lease (a backfill's previous batch) are not marked again: no summary can be stored until that lease has passed,
 * and this write lands before it does (LEASE_REUSE_MARGIN_SECONDS). In-order readings touch no settled day, so live
 * meters pay nothing for this; a backfill pays two marks per day and lease, not per batch.
 */
export async function whileMarked<T>(deps: LateWriteDeps, smartMeterId: string, days: readonly number[], write: () => Promise<T>): Promise<T> {
  if (days.length === 0 || !deps.summaries) return write();
  const now = deps.now();
  const states = await deps.summaries.dayStates(smartMeterId, Math.min(...days), Math.max(...days));
  const unleased = days.filter((day) => !leaseCoversWrite(states.get(day)?.leaseUntil, now));
  if (unleased.length === 0) return write();
  await deps.summaries.markDays(smartMeterId, unleased, now + LATE_WRITE_LEASE_SECONDS);
  const result = await write();
  await deps.summaries.markDays(smartMeterId, unleased);
  deps.onLateDays?.(unleased.length);
  return result;
}
