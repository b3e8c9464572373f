import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { DEMO_ACCOUNTS } from '../../shared/domain/accounts.js';
import { coverageShare, halfHoursOverlapping, halfHoursTouched, halfHoursTouchedPerSpan } from '../../shared/domain/coverage.js';
import { summarizeDay } from '../../shared/domain/energy-summaries.js';
import type { Reading } from '../../shared/domain/readings.js';
import { InMemoryAccountsStore, InMemoryPricePlansStore, InMemoryReadingsStore, InMemorySummariesStore } from '../support/in-memory-stores.js';
import { UseCases } from '../support/use-cases.js';

/**
 * Data completeness: the share of a span's half hours that hold readings, the same from readings and from stored
 * summaries, on the UTC half-hour grid (so a London day of a clock change has 46 or 50 of them).
 */
const DAY = 86_400;
const HOUR = 3600;
const METER = 'smart-meter-0';
const minutes = (from: number, to: number): Reading[] =>
  Array.from({ length: (to - from) / 60 + 1 }, (_, i) => ({ time: from + i * 60, reading: 0.5 + ((i * 7) % 11) / 10 }));

async function useCases(readings: Reading[], now: number, withSummaries: boolean) {
  const store = new InMemoryReadingsStore();
  await store.save(METER, readings);
  const summaries = withSummaries ? new InMemorySummariesStore() : undefined;
  const cases = new UseCases({
    readings: store,
    accounts: new InMemoryAccountsStore([...DEMO_ACCOUNTS]),
    pricePlans: new InMemoryPricePlansStore(DEFAULT_CATALOGUE),
    ...(summaries && { summaries }),
    now: () => now,
  });
  return { cases, summaries };
}

describe('coverage (pure)', () => {
  it('counts the grid half hours a span overlaps and those runs touch, each once', () => {
    expect(halfHoursOverlapping({ from: 0, to: DAY })).toBe(48);
    expect(halfHoursOverlapping({ from: 100, to: 1900 })).toBe(2); // two cut half hours
    expect(halfHoursOverlapping({ from: 5, to: 5 })).toBe(0);
    expect(halfHoursTouched([{ from: 0, to: 1800 }, { from: 1800, to: 1801 }, { from: 1900, to: 2000 }, { from: 7200, to: 7300 }])).toBe(3);
    // A day's summary: an interval from just before midnight to 00:30 touches the day's first half hour only.
    const summary = summarizeDay([{ time: DAY - 10, reading: 1 }, { time: DAY + 1800, reading: 1 }], DAY, 3600);
    expect([summary.covered, summary.halfHoursCovered]).toEqual([Array.from({ length: 48 }, (_, k) => k === 0), 1]);
    // One sweep over many spans: a run reaching across spans counts in each; a span between runs counts none.
    expect(halfHoursTouchedPerSpan([{ from: 0, to: 5400 }, { from: 9000, to: 9001 }], [{ from: 0, to: 1800 }, { from: 1800, to: 3700 }, { from: 5000, to: 9000 }, { from: 9000, to: 20_000 }])).toEqual([1, 2, 1, 1]);
    expect([coverageShare(42, 48), coverageShare(47, 48), coverageShare(0, 0), coverageShare(2, 3), coverageShare(1999, 2000), coverageShare(44, 46)]).toEqual([0.875, 0.979, 0, 0.667, 0.999, 0.957]);
  });

  it('counts nothing for a run that ends where a span cut off the grid begins, or begins where it ends (#40)', () => {
    // 00:00–00:20 of data; a span from 00:20 (inside the same half hour) holds none of it.
    expect(halfHoursTouchedPerSpan([{ from: 0, to: 1200 }], [{ from: 1200, to: 3600 }])).toEqual([0]);
    // Data from 00:40 on; a span ending at 00:40 holds none of it, nor one ending at 00:33 before a run at 00:35.
    expect(halfHoursTouchedPerSpan([{ from: 2400, to: 3000 }], [{ from: 0, to: 2400 }])).toEqual([0]);
    expect(halfHoursTouchedPerSpan([{ from: 0, to: 1000 }, { from: 2100, to: 2200 }], [{ from: 1200, to: 2000 }, { from: 2000, to: 3600 }])).toEqual([0, 1]);
  });
});

describe('coverage in answers', () => {
  const D = Date.UTC(2024, 4, 6) / 1000; // a Monday in May
  const later = D + 20 * DAY;

  it('a UTC day with a 3-hour gap holds 42 of its 48 half hours: 0.875, in usage, usage cost and compare-all', async () => {
    // Minute readings all day but none between 09:00 and 12:00: that interval is longer than the maximum gap.
    const readings = [...minutes(D - HOUR, D + 9 * HOUR), ...minutes(D + 12 * HOUR, D + DAY + HOUR)];
    for (const withSummaries of [false, true]) {
      const { cases } = await useCases(readings, later, withSummaries);
      const day = { from: D, to: D + DAY };
      expect((await cases.usage(METER, day, 'day', 'UTC')).periods.map((p) => p.coverage)).toEqual([0.875]);
      expect((await cases.usageCost(METER, day)).coverage).toBe(0.875);
      expect((await cases.compareAll(METER, day)).coverage).toBe(0.875);
      const hours = (await cases.usage(METER, day, 'hour', 'UTC')).periods.map((p) => p.coverage);
      expect(hours).toEqual(Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 12 ? 0 : 1)));
    }
  });

  it('a London day of a clock change has 46 or 50 half hours (a 2-hour gap leaves 42/46 and 46/50)', async () => {
    // 42 of 46 = 0.91304… → 0.913; 46 of 50 = 0.92.
    for (const [midnight, halfHours, expected] of [[Date.UTC(2024, 2, 31) / 1000, 46, 0.913], [Date.UTC(2024, 9, 26, 23) / 1000, 50, 0.92]] as const) {
      const end = midnight + halfHours * 1800;
      const readings = [...minutes(midnight - HOUR, midnight + 10 * HOUR), ...minutes(midnight + 12 * HOUR, end + HOUR)];
      for (const withSummaries of [false, true]) {
        const { cases } = await useCases(readings, midnight + 10 * DAY, withSummaries);
        const [period] = (await cases.usage(METER, { from: midnight, to: end }, 'day', 'Europe/London')).periods;
        expect(period!.to - period!.from).toBe(halfHours * 1800);
        expect(period!.coverage).toBe(expected);
      }
    }
    expect([coverageShare(42, 46), coverageShare(46, 50)]).toEqual([0.913, 0.92]);
  });

  it('is the same from summaries as from readings, whole days, days cut on the grid and cut off it', async () => {
    // Three weeks of minute readings with holes of every shape: hours, minutes, whole days, across midnight.
    const holes = [
      { from: D + 2 * DAY + 3 * HOUR, to: D + 2 * DAY + 5 * HOUR + 17 * 60 },
      { from: D + 4 * DAY - 2 * HOUR, to: D + 4 * DAY + HOUR + 59 * 60 },
      { from: D + 7 * DAY, to: D + 9 * DAY + 600 },
      { from: D + 12 * DAY + 1000, to: D + 12 * DAY + 1000 + HOUR + 1 },
    ];
    const readings = minutes(D, D + 21 * DAY).filter((r) => !holes.some((h) => r.time > h.from && r.time < h.to));
    const asked = [
      { range: { from: D - DAY, to: D + 22 * DAY }, groupBy: 'day' as const },
      { range: { from: D + DAY + 1800, to: D + 14 * DAY - 1800 }, groupBy: 'hour' as const },
      { range: { from: D, to: D + 21 * DAY }, groupBy: 'week' as const },
    ];
    const raw = (await useCases(readings, later, false)).cases;
    const { cases, summaries } = await useCases(readings, later, true);
    for (const round of ['summarizing', 'from summaries']) {
      for (const { range, groupBy } of asked) {
        const expected = (await raw.usage(METER, range, groupBy, 'Europe/London')).periods.map((p) => p.coverage);
        expect((await cases.usage(METER, range, groupBy, 'Europe/London')).periods.map((p) => p.coverage), `${round} ${groupBy}`).toEqual(expected);
        expect(expected.some((c) => c > 0 && c < 1)).toBe(true);
      }
      for (const span of [{ from: D + 2 * DAY + 1234, to: D + 12 * DAY + 4321 }, { from: D + 3 * DAY + 1800, to: D + 8 * DAY }]) {
        expect((await cases.usageCost(METER, span)).coverage, round).toBe((await raw.usageCost(METER, span)).coverage);
      }
    }
    expect(summaries!.counts.saved).toBe(18); // the settled days that hold readings (not D+7, D+8, or the last two)
  });

  it('covers what readings exactly the maximum gap (an hour) apart span, and nothing of readings a second further apart (#40 V1c)', async () => {
    for (const withSummaries of [false, true]) {
      // 01:00 and 02:00: the two half hours between them of the day's 48, 2/48 = 0.04166… → 0.042.
      const atMaxGap = await useCases([{ time: D + HOUR, reading: 1 }, { time: D + 2 * HOUR, reading: 1 }], later, withSummaries);
      expect((await atMaxGap.cases.usage(METER, { from: D, to: D + DAY }, 'day', 'UTC')).periods[0]!.coverage).toBe(0.042);
      // 01:00 and 02:00:01: a gap, so no energy and no coverage.
      const pastMaxGap = await useCases([{ time: D + HOUR, reading: 1 }, { time: D + 2 * HOUR + 1, reading: 1 }], later, withSummaries);
      expect((await pastMaxGap.cases.usage(METER, { from: D, to: D + DAY }, 'day', 'UTC')).periods[0]!.coverage).toBe(0);
      expect((await pastMaxGap.cases.usageCost(METER, { from: D, to: D + DAY })).coverage).toBe(0);
    }
  });

  it('counts half hours only up to now, and none outside the readings', async () => {
    const now = D + 10 * HOUR + 600; // the half hour from 10:00 counts
    const { cases } = await useCases(minutes(D, now), now, true);
    expect((await cases.usage(METER, { from: D, to: D + DAY }, 'day', 'UTC')).periods[0]!.coverage).toBe(1);
    expect((await cases.usage(METER, { from: D - DAY, to: D }, 'day', 'UTC')).periods[0]!.coverage).toBe(0);
    expect((await cases.compareAll(METER, { from: D + DAY, to: D + 2 * DAY })).coverage).toBe(0);
  });

  it('makes savings provisional under 0.9: a meter silent for the last 3 of its 10 days', async () => {
    const now = D + 10 * DAY;
    const silent = await useCases(minutes(D, D + 7 * DAY), now, true);
    const savings = await silent.cases.savings(METER);
    expect(savings.periods.map((p) => p.coverage)).toEqual([0.7, 0.7]);
    expect([savings.coverage, savings.provisional]).toEqual([0.7, true]);
    const whole = await (await useCases(minutes(D, now), now, true)).cases.savings(METER);
    expect([whole.coverage, whole.provisional]).toEqual([1, false]);
  });
});
