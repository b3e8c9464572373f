import { describe, expect, it } from 'vitest';
import { coveredRuns } from '../../shared/domain/energy.js';
import { daysOf, EnergyLedger, isSettledForReaders, SETTLE_MARGIN_SECONDS, settledDaysTouched, type DaySummary } from '../../shared/domain/energy-summaries.js';

/**
 * The boundaries the late-write protocol rests on, pinned second by second: which days a span touches, when readers
 * may summarize a day, which days a writer marks, and which source (day total, half hours, readings) each piece of a
 * period comes from.
 */
const DAY = 86_400;
const GAP = 3600;
const D = Date.UTC(2024, 2, 6) / 1000;
const summaries = (entries: DaySummary[]) => new Map(entries.map((s) => [s.day, s]));

describe('daysOf', () => {
  it('counts a day only when the span reaches into it', () => {
    expect(daysOf({ from: D, to: D + 2 * DAY })).toEqual([D, D + DAY]);
    expect(daysOf({ from: D + 10, to: D + 2 * DAY + 1 })).toEqual([D, D + DAY, D + 2 * DAY]);
  });
});

describe('isSettledForReaders', () => {
  it('lets readers summarize a day one maximum gap and the margin after it ends, not a second before', () => {
    const settles = D + DAY + GAP + SETTLE_MARGIN_SECONDS;
    expect(isSettledForReaders(D, settles, GAP)).toBe(true);
    expect(isSettledForReaders(D, settles - 1, GAP)).toBe(false);
  });
});

describe('settledDaysTouched', () => {
  const later = D + 30 * DAY;
  it('marks the days within one maximum gap either side of each time, edges included', () => {
    expect(settledDaysTouched([D + DAY - GAP], later, GAP)).toEqual([D, D + DAY]); // reaches midnight exactly
    expect(settledDaysTouched([D + DAY - GAP - 1], later, GAP)).toEqual([D]);
    expect(settledDaysTouched([D + GAP - 1], later, GAP)).toEqual([D - DAY, D]);
    expect(settledDaysTouched([D + GAP], later, GAP)).toEqual([D]);
  });

  it('marks a day as soon as a writer sees it settled (one maximum gap after it ended), readers waiting longer', () => {
    expect(settledDaysTouched([D + 43_200], D + DAY + GAP, GAP)).toEqual([D]);
    expect(settledDaysTouched([D + 43_200], D + DAY + GAP - 1, GAP)).toEqual([]);
    // Every day a writer may leave unmarked is one no reader may summarize yet.
    for (let now = D + DAY; now < D + DAY + GAP + SETTLE_MARGIN_SECONDS + 5; now += 60) {
      if (settledDaysTouched([D + 43_200], now, GAP).length === 0) expect(isSettledForReaders(D, now, GAP)).toBe(false);
    }
  });

  it('answers each day once, in order', () => {
    expect(settledDaysTouched([D + 5 * DAY + 43_200, D + 43_200, D + 43_300], later, GAP)).toEqual([D, D + 5 * DAY]);
  });
});

describe('coveredRuns', () => {
  it('clips runs to the span: one straddling its start is cut there, one ending at its start is left out', () => {
    const run = (from: number, to: number) => [{ time: from, reading: 1 }, { time: (from + to) / 2, reading: 1 }, { time: to, reading: 1 }];
    expect(coveredRuns([...run(D - 1800, D + 1800), ...run(D + 7200, D + 9000)], { from: D, to: D + DAY }, GAP)).toEqual([
      { from: D, to: D + 1800 },
      { from: D + 7200, to: D + 9000 },
    ]);
    expect(coveredRuns(run(D - 3600, D), { from: D, to: D + DAY }, GAP)).toEqual([]);
    expect(coveredRuns(run(D + DAY, D + DAY + 60), { from: D, to: D + DAY }, GAP)).toEqual([]);
  });
});

describe('EnergyLedger', () => {
  const slots = Array.from({ length: 48 }, (_, i) => i / 100);
  const stored = summaries([{ day: D, kWh: 11.28, halfHoursCovered: 48, slots, covered: slots.map(() => true) }]);

  it('takes a whole summarized day whole, a stretch on the half-hour grid from its half hours, anything else from readings', () => {
    const whole = EnergyLedger.plan([{ from: D, to: D + DAY }], stored);
    expect([whole.slotDays(), whole.rawSpans()]).toEqual([[], []]);
    expect(whole.energyPerPeriod([], GAP)).toEqual([11.28]);
    const onGrid = EnergyLedger.plan([{ from: D + 1800, to: D + 7200 }], stored);
    expect([onGrid.slotDays(), onGrid.rawSpans()]).toEqual([[D], []]);
    expect(onGrid.energyPerPeriod([], GAP)[0]).toBeCloseTo(0.01 + 0.02 + 0.03, 12);
    const offGrid = EnergyLedger.plan([{ from: D + 100, to: D + 7200 }], stored);
    expect([offGrid.slotDays(), offGrid.rawSpans()]).toEqual([[], [{ from: D + 100, to: D + 7200 }]]);
    const unsummarized = EnergyLedger.plan([{ from: D + DAY, to: D + 2 * DAY }], stored);
    expect([unsummarized.slotDays(), unsummarized.rawSpans()]).toEqual([[], [{ from: D + DAY, to: D + 2 * DAY }]]);
  });

  it('asks nothing for an empty period, and adds raw energy to the right period', () => {
    const empty = EnergyLedger.plan([{ from: D + 5, to: D + 5 }], stored);
    expect([empty.slotDays(), empty.rawSpans()]).toEqual([[], []]);
    const mixed = EnergyLedger.plan([{ from: D + DAY - 3600, to: D + DAY + 3600 }], stored);
    // 1 kW throughout the next day's first hour; the summarized hour before midnight from its half hours.
    const energy = mixed.energyPerPeriod([{ time: D + DAY, reading: 1 }, { time: D + DAY + 3600, reading: 1 }], GAP);
    expect(energy[0]).toBeCloseTo(0.46 + 0.47 + 1, 9);
  });

  it('covers a span with summarized days that hold energy (clipped to it) and the runs of the readings elsewhere', () => {
    const days = summaries([{ day: D, kWh: 3, halfHoursCovered: 48 }, { day: D + DAY, kWh: 0, halfHoursCovered: 0 }]);
    const raw = [0, 1800, 3600].map((offset) => ({ time: D - DAY + 3600 + offset, reading: 1 }));
    expect(EnergyLedger.energySpans({ from: D - DAY, to: D + 2 * DAY }, days, raw, GAP)).toEqual([
      { from: D - DAY + 3600, to: D - DAY + 7200 },
      { from: D, to: D + DAY },
    ]);
    expect(EnergyLedger.energySpans({ from: D + 100, to: D + 200 }, days, [], GAP)).toEqual([{ from: D + 100, to: D + 200 }]);
  });
});
