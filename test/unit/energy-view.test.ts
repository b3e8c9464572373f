import { describe, expect, it } from 'vitest';
import type { Reading } from '../../shared/domain/readings.js';
import type { ReadingsReader } from '../../shared/ports/readings-store.js';
import { summaryTag } from '../../shared/ports/summaries-store.js';
import { EnergyView, type EnergyViewDeps } from '../../shared/services/energy-view.js';
import { InMemoryReadingsStore, InMemorySummariesStore } from '../support/in-memory-stores.js';

/**
 * What the energy view reads and stores, counted: it reads each stretch of readings once, never reads what its
 * summaries answer, stores a summary only for a settled day that holds readings, and reports its work.
 */
const DAY = 86_400;
const GAP = 3600;
const D = Date.UTC(2024, 2, 6) / 1000;
const METER = 'm';
const minutes = (from: number, to: number, kW = 1): Reading[] => Array.from({ length: (to - from) / 60 }, (_, i) => ({ time: from + i * 60, reading: kW }));

async function setUp(readings: Reading[]) {
  const store = new InMemoryReadingsStore();
  await store.save(METER, readings);
  const listed: { from: number; to: number }[] = [];
  const counted: ReadingsReader = {
    list: async (id, range = {}) => {
      listed.push({ from: range.from!, to: range.to! });
      return store.list(id, range);
    },
  } as ReadingsReader;
  const summaries = new InMemorySummariesStore();
  const work: { summarized: number; fromSummaries: number; rawDays: number }[] = [];
  let slotReads = 0;
  const countingSummaries = Object.assign(Object.create(summaries) as InMemorySummariesStore, {
    daySlots: (id: string, days: readonly number[]) => {
      slotReads++;
      return summaries.daySlots(id, days);
    },
  });
  const deps = (now: number): EnergyViewDeps => ({ readings: counted, summaries: countingSummaries, maxGapSeconds: GAP, now: () => now, onSummaryWork: (w) => work.push(w) });
  return { listed, summaries, work, deps, slotReads: () => slotReads };
}

describe('EnergyView', () => {
  const later = D + 10 * DAY;

  it('reads nothing for an empty span', async () => {
    const { listed, work, deps } = await setUp(minutes(D, D + DAY));
    const view = await EnergyView.open(deps(later), METER, { from: D + 5, to: D + 5 });
    expect(await view.energy([[{ from: D, to: D + DAY }]])).toEqual([[0]]);
    expect([listed, work]).toEqual([[], []]);
  });

  it('summarizes the settled days that hold readings, reports it, and then answers from summaries without readings', async () => {
    const { listed, summaries, work, deps } = await setUp(minutes(D, D + DAY));
    const span = { from: D - DAY, to: D + 2 * DAY };
    const first = await EnergyView.open(deps(later), METER, span);
    expect((await first.energy([[span]]))[0]![0]).toBeCloseTo(24 - 1 / 60, 9);
    expect(listed).toEqual([{ from: D - DAY - GAP, to: D + 2 * DAY + GAP }]); // one read, one maximum gap either side
    expect([...summaries.states.values()].map((s) => s.day)).toEqual([D]); // the days without readings are not stored
    expect(work).toEqual([{ summarized: 0, fromSummaries: 0, rawDays: 3 }, { summarized: 1, fromSummaries: 0, rawDays: 0 }]);
    listed.length = 0;
    work.length = 0;
    const whole = await EnergyView.open(deps(later), METER, { from: D, to: D + DAY });
    expect((await whole.energy([[{ from: D, to: D + DAY }]]))[0]![0]).toBeCloseTo(24 - 1 / 60, 9);
    expect(listed).toEqual([]);
    expect(work).toEqual([{ summarized: 0, fromSummaries: 1, rawDays: 0 }]);
  });

  it('stores nothing for a day not yet settled for readers, and does not report summaries it did not store', async () => {
    const { summaries, work, deps } = await setUp(minutes(D, D + DAY));
    await EnergyView.open(deps(D + DAY + GAP), METER, { from: D, to: D + DAY });
    expect(summaries.states.size).toBe(0);
    expect(work).toEqual([{ summarized: 0, fromSummaries: 0, rawDays: 1 }]);
  });

  it("finds a day's readings by the day's own bounds: one at its last second counts, one at the next midnight does not", async () => {
    const last = await setUp([{ time: D + DAY - 1, reading: 2 }]);
    await EnergyView.open(last.deps(later), METER, { from: D, to: D + 2 * DAY });
    expect([...last.summaries.states.keys()]).toEqual([`${METER}#${D}`]);
    const midnight = await setUp([{ time: D + DAY, reading: 2 }]);
    await EnergyView.open(midnight.deps(later), METER, { from: D, to: D + 2 * DAY });
    expect([...midnight.summaries.states.keys()]).toEqual([`${METER}#${D + DAY}`]);
    const many = await setUp([...minutes(D - 3 * DAY, D - 2 * DAY), { time: D + 100, reading: 1 }, ...minutes(D + 3 * DAY, D + 4 * DAY)]);
    await EnergyView.open(many.deps(later), METER, { from: D - 3 * DAY, to: D + 5 * DAY });
    expect([...many.summaries.states.values()].map((s) => s.day).sort()).toEqual([D - 3 * DAY, D, D + 3 * DAY]);
  });

  it('reads each stretch of readings once however many sets of periods ask for it, and half hours only when needed', async () => {
    const { listed, deps, slotReads } = await setUp(minutes(D, D + 2 * DAY));
    await EnergyView.open(deps(later), METER, { from: D, to: D + 2 * DAY }); // summarizes both days
    listed.length = 0;
    const view = await EnergyView.open(deps(later), METER, { from: D, to: D + 2 * DAY });
    const wholeDays = await view.energy([[{ from: D, to: D + 2 * DAY }]]);
    expect(slotReads()).toBe(0);
    const cut = [{ from: D + 100, to: D + 200 }];
    const [a, b] = await view.energy([cut, cut]);
    await view.energy([cut]);
    expect(listed).toEqual([{ from: D + 100 - GAP, to: D + 200 + GAP }]);
    expect(a).toEqual(b);
    expect(a![0]).toBeCloseTo(100 / 3600, 12);
    await view.energy([[{ from: D + 1800, to: D + 3600 }]]);
    expect(slotReads()).toBe(1);
    expect(wholeDays[0]![0]).toBeCloseTo(48 - 1 / 60, 9);
  });

  it('trusts a stored total only at the day\'s current version, and its half hours only with the same tag', async () => {
    const { summaries, deps } = await setUp(minutes(D, D + DAY));
    await EnergyView.open(deps(later), METER, { from: D, to: D + DAY });
    summaries.states.set(`${METER}#${D}`, { ...summaries.states.get(`${METER}#${D}`)!, kWh: 99, version: 0, tag: summaryTag(7, GAP) });
    const stale = await EnergyView.open(deps(later), METER, { from: D, to: D + DAY });
    expect((await stale.energy([[{ from: D, to: D + DAY }]]))[0]![0]).toBeCloseTo(24 - 1 / 60, 9);
    summaries.states.set(`${METER}#${D}`, { day: D, version: 0, tag: summaryTag(0, GAP), kWh: 24 - 1 / 60, halfHoursCovered: 48 });
    summaries.slots.set(`${METER}#${D}`, { tag: summaryTag(5, GAP), slots: Array(48).fill(9), covered: Array(48).fill(true) });
    const view = await EnergyView.open(deps(later), METER, { from: D, to: D + DAY });
    expect((await view.energy([[{ from: D, to: D + 1800 }]]))[0]![0]).toBeCloseTo(0.5, 9);
  });
});
