import { describe, expect, it } from 'vitest';
import { LATE_WRITE_LEASE_SECONDS, LEASE_REUSE_MARGIN_SECONDS, leaseCoversWrite, leaseHasPassed } from '../../shared/domain/energy-summaries.js';
import { lateDays, whileMarked } from '../../shared/services/late-writes.js';
import { InMemorySummariesStore } from '../support/in-memory-stores.js';

const DAY = 86_400;
const D = Date.UTC(2024, 2, 6) / 1000;
const NOW = D + 30 * DAY;

describe('the lease rules, to the second', () => {
  it('lets a write rely on a lease only with the margin left, and readers summarize only once it has passed', () => {
    expect(leaseCoversWrite(NOW + LEASE_REUSE_MARGIN_SECONDS, NOW)).toBe(true);
    expect(leaseCoversWrite(NOW + LEASE_REUSE_MARGIN_SECONDS - 1, NOW)).toBe(false);
    expect(leaseCoversWrite(undefined, NOW)).toBe(false);
    expect(leaseHasPassed(NOW - 1, NOW)).toBe(true);
    expect(leaseHasPassed(NOW, NOW)).toBe(false);
    expect(leaseHasPassed(undefined, NOW)).toBe(true);
  });
});

describe('whileMarked (in memory)', () => {
  const deps = (summaries?: InMemorySummariesStore) => ({ summaries, maxGapSeconds: 3600, now: () => NOW });

  it('marks, around the write, only the days no earlier lease still covers, and leases them', async () => {
    const summaries = new InMemorySummariesStore();
    await summaries.markDays('m', [D + 2 * DAY], NOW + LEASE_REUSE_MARGIN_SECONDS); // an earlier batch's lease
    const order: string[] = [];
    const marking = Object.assign(Object.create(summaries) as InMemorySummariesStore, {
      markDays: async (id: string, days: readonly number[], leaseUntil?: number) => {
        order.push(`mark ${days.map((d) => (d - D) / DAY).join(',')} ${leaseUntil === undefined ? '' : leaseUntil - NOW}`.trim());
        return summaries.markDays(id, days, leaseUntil);
      },
    });
    const days = [D, D + DAY, D + 2 * DAY];
    expect(await whileMarked(deps(marking), 'm', days, async () => (order.push('write'), 'written'))).toBe('written');
    expect(order).toEqual([`mark 0,1 ${LATE_WRITE_LEASE_SECONDS}`, 'write', 'mark 0,1']);
  });

  it("reads the states of every day it may mark, the first one's included", async () => {
    const summaries = new InMemorySummariesStore();
    await summaries.markDays('m', [D], NOW + LATE_WRITE_LEASE_SECONDS);
    const marked: number[][] = [];
    const marking = Object.assign(Object.create(summaries) as InMemorySummariesStore, { markDays: async (_: string, days: readonly number[]) => void marked.push([...days]) });
    await whileMarked(deps(marking), 'm', [D, D + DAY], async () => undefined);
    expect(marked).toEqual([[D + DAY], [D + DAY]]);
  });

  it('reads no state and marks nothing when there is nothing to mark', async () => {
    const summaries = new InMemorySummariesStore();
    let reads = 0;
    const counting = Object.assign(Object.create(summaries) as InMemorySummariesStore, { dayStates: async () => (reads++, new Map()) });
    await whileMarked(deps(counting), 'm', [], async () => undefined);
    expect([reads, summaries.counts.marks]).toEqual([0, 0]);
    expect(lateDays(deps(), [D])).toEqual([]); // no summaries kept: no day needs marking
    expect(lateDays(deps(summaries), [D + 43_200])).toEqual([D]);
  });
});
