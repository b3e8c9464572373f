import { describe, expect, it } from 'vitest';
import { chooseWindow, halfHoursInside, type WindowSlot } from '../../shared/domain/cheapest-window.js';
import { shiftSaving } from '../../shared/domain/load-shift.js';
import { roundMoney, withVat, type PricePlan } from '../../shared/domain/price-plans.js';
import { cheapestWindow } from '../../shared/services/cheapest-window.js';
import { InMemoryPricePlansStore } from '../support/in-memory-stores.js';
import { catalogueOf } from '../support/plans.js';

const utc = (iso: string) => Date.parse(iso) / 1000;
const DAY = utc('2025-03-10T00:00:00Z');
const HH = 1800;

/** The day of rates: 00:00–00:30 = 6, 00:30–05:00 = 12, 05:00–05:30 = 7, 05:30–18:00 = 20, 18:00–23:30 = 34, 23:30–00:30 (next day) = 5. */
function rateAt(t: number): number {
  const minute = ((t - DAY) / 60) % 1440;
  if (t >= DAY + 86_400) return minute < 30 ? 5 : 12; // the next day starts at 5 until 00:30
  if (minute < 30) return 6;
  if (minute < 300) return 12;
  if (minute < 330) return 7;
  if (minute < 1080) return 20;
  if (minute < 1410) return 34;
  return 5;
}
const AGILE: PricePlan = { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0 }] };
const prices = new Map(Array.from({ length: 96 }, (_, i) => [DAY + i * HH, rateAt(DAY + i * HH)] as const));
const store = (published = prices, vatRate = 0) => new InMemoryPricePlansStore(catalogueOf([AGILE], { vatRate }), { agile: published });
const ask = (query: Partial<Parameters<typeof cheapestWindow>[2]>, published = prices) =>
  cheapestWindow(store(published), 'agile', { duration: 3600, mode: 'continuous', rank: 'cost', kWh: 1, ...query }, DAY);

describe('the cheapest window (the issue\'s worked day)', () => {
  it('finds 23:30–00:30 across midnight for 1 h continuous between 20:00 and 06:00, average 5', async () => {
    const answer = await ask({ from: DAY + 20 * 3600, to: DAY + 30 * 3600 });
    expect(answer).toMatchObject({ status: 'ok', averageRate: 5, cost: 5 });
    expect(answer.slots.map((s) => [s.from, s.to])).toEqual([[DAY + 23.5 * 3600, DAY + 24 * 3600], [DAY + 24 * 3600, DAY + 24.5 * 3600]]);
  });

  it('picks 00:00–00:30 and 23:30–00:00 for 1 h intermittent over the whole day, in time order', async () => {
    const answer = await ask({ from: DAY, to: DAY + 86_400, mode: 'intermittent' });
    expect(answer.slots.map((s) => s.from)).toEqual([DAY, DAY + 23.5 * 3600]);
    expect(answer.averageRate).toBe(5.5);
  });

  it('answers rates_incomplete naming the first unpublished half hour, never a guess', async () => {
    const answer = await ask({ from: DAY + 40 * 3600, to: DAY + 52 * 3600 });
    expect(answer).toMatchObject({ status: 'rates_incomplete', slots: [], averageRate: null, missing: { from: DAY + 48 * 3600, to: DAY + 48 * 3600 + HH } });
  });

  it('uses only slots at or below maxRate, and says when too few remain', async () => {
    const negative = new Map([[DAY, -3], [DAY + HH, 4], [DAY + 2 * HH, -1.2]]);
    const two = await ask({ from: DAY, to: DAY + 3 * HH, mode: 'intermittent', duration: 3600, maxRate: 0 }, negative);
    expect(two).toMatchObject({ status: 'ok' });
    expect(two.slots.map((s) => s.unitRate)).toEqual([-3, -1.2]);
    const three = await ask({ from: DAY, to: DAY + 3 * HH, mode: 'intermittent', duration: 5400, maxRate: 0 }, negative);
    expect(three.status).toBe('not_enough_slots');
    expect(three.slots.map((s) => s.unitRate)).toEqual([-3, -1.2]);
  });

  it('rounds VAT-inclusive rates to 6 decimals before comparing and answering: maxRate 1.575 takes 1.5p × 1.05 (#33.10)', async () => {
    const flat = new Map([[DAY, 1.5], [DAY + HH, 1.5], [DAY + 2 * HH, 23.1]]);
    const answer = await cheapestWindow(store(flat, 0.05), 'agile', { from: DAY, to: DAY + 3 * HH, duration: 3600, mode: 'intermittent', rank: 'cost', kWh: 1, maxRate: 1.575 }, DAY);
    expect(answer).toMatchObject({ status: 'ok', averageRate: 1.575, cost: 1.575 });
    expect(answer.slots.map((s) => s.unitRate)).toEqual([1.575, 1.575]);
    const dear = await cheapestWindow(store(flat, 0.05), 'agile', { from: DAY + 2 * HH, to: DAY + 3 * HH, duration: 1800, mode: 'continuous', rank: 'cost', kWh: 1 }, DAY);
    expect(dear.slots[0]!.unitRate).toBe(24.255); // not 24.255000000000003
  });

  it('prices slots with VAT and spreads kWh evenly', async () => {
    const answer = await cheapestWindow(store(prices, 0.05), 'agile', { from: DAY + 20 * 3600, to: DAY + 30 * 3600, duration: 3600, mode: 'continuous', rank: 'cost', kWh: 2 }, DAY);
    expect(answer.averageRate).toBeCloseTo(5.25, 12);
    expect(answer.cost).toBeCloseTo(10.5, 12);
  });

  it('ranks by rate then intensity, or by intensity alone: never by rate × intensity', () => {
    const slots: WindowSlot[] = [[7, 200], [7, 50], [29, 9], [29, 10]].map(([unitRate, gCO2PerKWh], i) => ({ from: i * HH, to: (i + 1) * HH, unitRate: unitRate!, gCO2PerKWh }));
    const pick = (rank: 'cost' | 'carbon' | 'cost-then-carbon') => chooseWindow(slots, { count: 1, mode: 'continuous', rank }).slots[0]!.from / HH;
    expect(pick('cost-then-carbon')).toBe(1); // s2
    expect(pick('carbon')).toBe(2); // s3
    expect(pick('cost')).toBe(0); // s1: the earliest of the equal rates
  });

  it('counts the half hours inside a window: started ones are not', () => {
    expect(halfHoursInside(DAY + 60, DAY + 2 * HH + 10)).toEqual([DAY + HH]);
  });
});

describe('choosing a window at its edges', () => {
  /** Consecutive half hours from 0 at these rates. */
  const slotsAt = (...rates: number[]): WindowSlot[] => rates.map((unitRate, i) => ({ from: i * HH, to: (i + 1) * HH, unitRate }));
  const starts = (choice: { slots: WindowSlot[] }) => choice.slots.map((s) => s.from / HH);

  it('breaks ties between equal half hours by the earliest, intermittent too (#40 W1b)', () => {
    const choice = chooseWindow(slotsAt(9, 4, 4, 4, 4), { count: 2, mode: 'intermittent', rank: 'cost' });
    expect(starts(choice)).toEqual([1, 2]); // not 3 and 4
  });

  it('takes a half hour priced exactly at maxRate (#40 W2)', () => {
    const intermittent = chooseWindow(slotsAt(12, 10, 15), { count: 1, mode: 'intermittent', rank: 'cost', maxRate: 10 });
    expect(intermittent).toEqual({ status: 'ok', slots: [{ from: HH, to: 2 * HH, unitRate: 10 }] });
    const continuous = chooseWindow(slotsAt(12, 10, 10, 15), { count: 2, mode: 'continuous', rank: 'cost', maxRate: 10 });
    expect(continuous.status).toBe('ok');
    expect(starts(continuous)).toEqual([1, 2]);
  });

  it('never runs a continuous window through a half hour dearer than maxRate, even when it is cheapest on average (#40 W3c)', () => {
    // 0 + 11 averages 5.5, the cheapest pair, but 11 is above 10; 6 + 6 (average 6) is the best allowed pair.
    const choice = chooseWindow(slotsAt(0, 11, 6, 6), { count: 2, mode: 'continuous', rank: 'cost', maxRate: 10 });
    expect(choice.status).toBe('ok');
    expect(starts(choice)).toEqual([2, 3]);
  });

  it('answers no half hour at all when every one is dearer than maxRate (#40)', () => {
    for (const mode of ['continuous', 'intermittent'] as const) {
      expect(chooseWindow(slotsAt(11, 12, 13), { count: 1, mode, rank: 'cost', maxRate: 10 })).toEqual({ status: 'not_enough_slots', slots: [] });
    }
  });

  it('treats rates a billionth apart as equal, so the earliest wins, at any size of rate (#40)', () => {
    // 100.00000001 and 100 differ by 1e-8, under a billionth of 100 (1e-7): a tie, so the earlier half hour.
    expect(starts(chooseWindow(slotsAt(100.00000001, 100), { count: 1, mode: 'continuous', rank: 'cost' }))).toEqual([0]);
    // 100.000001 and 100 differ by 1e-6, more than a billionth of 100: the cheaper one.
    expect(starts(chooseWindow(slotsAt(100.000001, 100), { count: 1, mode: 'continuous', rank: 'cost' }))).toEqual([1]);
  });

  it('falls back to the longest allowed run, never bridging a disallowed half hour (#40 W3d)', () => {
    // No three allowed half hours in a row: 1, 1 | 99 | 1, 1. The earliest of the two longest runs is the answer.
    const choice = chooseWindow(slotsAt(1, 1, 99, 1, 1), { count: 3, mode: 'continuous', rank: 'cost', maxRate: 10 });
    expect(choice.status).toBe('not_enough_slots');
    expect(starts(choice)).toEqual([0, 1]);
  });
});

describe('what shifting would save', () => {
  it('saves nothing on a flat rate', () => {
    expect(shiftSaving([0.5, 1, 2, 0.1], [20, 20, 20, 20], 0.2)).toBe(0);
  });

  it('equals the hand computation on a two-rate day: 1 kW all day, night 00:30–07:30 at 10p, day 30p, a fifth moved', () => {
    const energy = Array.from({ length: 48 }, () => 0.5);
    const rates = Array.from({ length: 48 }, (_, i) => (i >= 1 && i < 15 ? 10 : 30));
    // 4.8 kWh taken from the dearest half hours (30p), placed evenly into the ten cheapest (10p): 4.8 × (30 − 10).
    expect(shiftSaving(energy, rates, 0.2)).toBeCloseTo(96, 9);
  });
});

describe('money as answered (#33.17)', () => {
  it('carries no binary noise: 6 decimals of the minor unit, never -0, hand-worked figures exact', () => {
    expect(roundMoney(-4.440892098500626e-15)).toBe(0);
    expect(Object.is(roundMoney(-4.4e-15), 0)).toBe(true);
    expect(roundMoney(57.3125)).toBe(57.3125);
    expect(withVat(2.25 * 23.1 + 51, 0.05)).toBe(108.12375);
    expect(withVat(23.1, 0.05)).toBe(24.255);
    // A flat plan's shift moves energy between half hours of one rate: the saving is exactly 0 once rounded.
    const rates = Array.from({ length: 48 }, () => withVat(23.1, 0.05));
    const energy = Array.from({ length: 48 }, (_, i) => 0.1 + (i % 7) * 0.013);
    expect(roundMoney(shiftSaving(energy, rates, 0.2))).toBe(0);
  });
});
