import { describe, expect, it } from 'vitest';
import { newAccount } from '../../shared/domain/accounts.js';
import { rankComplete } from '../../shared/domain/costing.js';
import { checkPlanChange } from '../../shared/domain/price-plan-changes.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { mergeHalfHours } from '../../shared/domain/published-prices.js';
import { pricesSeries } from '../../shared/ports/price-plans-store.js';
import { rateAt, standingCharge } from '../../shared/domain/tariff.js';
import { CachedPricePlans } from '../../shared/services/cached-price-plans.js';
import { InMemoryAccountsStore, InMemoryPricePlansStore, InMemoryReadingsStore, InMemorySummariesStore } from '../support/in-memory-stores.js';
import { planCost } from '../support/costing-reference.js';
import { catalogueOf } from '../support/plans.js';
import { UseCases } from '../support/use-cases.js';

const utc = (iso: string) => Date.parse(iso) / 1000;
const DAY = 86_400;
const CHANGE = utc('2025-01-01T10:17:00Z'); // a price change inside a half hour

/** 23.1p/kWh until CHANGE, then 20p with a Saturday discount (prices without VAT, pence). */
const VERSIONED: PricePlan = {
  pricePlanId: 'versioned',
  supplier: 'V',
  timeZone: 'Europe/London',
  rates: [
    { validFrom: 0, unitRate: 23.1, standingChargePerDay: 48 },
    { validFrom: CHANGE, unitRate: 20, standingChargePerDay: 60, peakTimeMultipliers: [{ dayOfWeek: 'SATURDAY', multiplier: 0.5 }] },
  ],
};
const AGILE: PricePlan = { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 40 }] };

/** Power rising linearly 0 → 6 kW over [from, to], a reading every minute. */
const ramp = (from: number, to: number) => Array.from({ length: (to - from) / 60 + 1 }, (_, i) => ({ time: from + i * 60, reading: (6 * i * 60) / (to - from) }));

/** The cost of readings priced minute by minute at the rate of each minute's midpoint (trapezoid energy per minute). */
function minuteSplit(readings: { time: number; reading: number }[], rate: (t: number) => number | undefined) {
  let cost = 0;
  let unpriced = 0;
  for (let i = 1; i < readings.length; i++) {
    const [a, b] = [readings[i - 1]!, readings[i]!];
    const kWh = ((a.reading + b.reading) / 2) * ((b.time - a.time) / 3600);
    const r = rate((a.time + b.time) / 2);
    if (r === undefined) unpriced += kWh;
    else cost += kWh * r;
  }
  return { cost, unpriced };
}

async function useCases(plans: PricePlan[], readings: { time: number; reading: number }[], prices: Record<string, Map<number, number>> = {}, options: { vatRate?: number; summaries?: boolean; now?: number } = {}) {
  const store = new InMemoryReadingsStore();
  await store.save('m', readings);
  return new UseCases({
    readings: store,
    accounts: new InMemoryAccountsStore([newAccount('m', plans[0]!.pricePlanId)]),
    pricePlans: new InMemoryPricePlansStore(catalogueOf(plans, { vatRate: options.vatRate ?? 0 }), prices),
    summaries: options.summaries ? new InMemorySummariesStore() : undefined,
    now: () => options.now ?? utc('2026-01-01T00:00:00Z'),
  });
}

describe('costing at the prices of the time', () => {
  const readings = ramp(CHANGE - 3 * 3600, CHANGE + 3 * 3600);

  it('splits the cost exactly at a version change inside a half hour (1e-9 against a minute split), with or without summaries', async () => {
    const reference = minuteSplit(readings, (t) => (t < CHANGE ? 23.1 : 20));
    for (const summaries of [false, true]) {
      const { costs } = await (await useCases([VERSIONED], readings, {}, { summaries })).compareAll('m');
      const standing = (48 * (CHANGE - readings[0]!.time) + 60 * (readings.at(-1)!.time - CHANGE)) / DAY;
      expect(Math.abs(costs[0]!.cost - (reference.cost + standing)) / costs[0]!.cost).toBeLessThan(1e-9);
    }
    // Hand-worked: energy is 3 × 6 kW / 2 × 6 h = 18 kWh, 4.5 kWh before the change... the split reference says the rest.
    expect(standingCharge(VERSIONED, { from: CHANGE - DAY, to: CHANGE + DAY })).toBeCloseTo(48 + 60, 12);
  });

  it('prices each instant at its version, band and multiplier; before the first version there is no price', () => {
    const later: PricePlan = { ...VERSIONED, rates: [{ validFrom: 1000, unitRate: 5 }] };
    expect(rateAt(later, 999)).toBeUndefined();
    expect(rateAt(later, 1000)).toBe(5);
    expect(rateAt(VERSIONED, CHANGE - 1)).toBe(23.1);
    expect(rateAt(VERSIONED, utc('2025-01-04T12:00:00Z'))).toBe(10); // a Saturday after the change
  });

  it('prices a dynamic plan at each published half hour; a negative price lowers the cost (1e-9 against a minute split)', async () => {
    const start = utc('2025-03-01T00:00:00Z');
    const day = ramp(start, start + DAY);
    const prices = new Map(Array.from({ length: 48 }, (_, i) => [start + i * 1800, i % 6 === 0 ? -4.5 : 10 + i / 4] as const));
    const reference = minuteSplit(day, (t) => prices.get(t - (t % 1800)));
    const cost = (await (await useCases([AGILE], day, { agile: prices })).compareAll('m')).costs[0]!.cost;
    expect(Math.abs(cost - (reference.cost + 40)) / cost).toBeLessThan(1e-9);
    const positive = new Map([...prices].map(([t, p]) => [t, Math.abs(p)]));
    const dearer = (await (await useCases([AGILE], day, { agile: positive })).compareAll('m')).costs[0]!.cost;
    expect(dearer).toBeGreaterThan(cost);
    expect(planCost(AGILE, day, { from: start, to: start + DAY }, undefined, { prices })).toBeCloseTo(reference.cost + 40, 6);
  });

  it('never guesses: energy in a half hour without a published price marks the plan incomplete, unranked and unrecommended', async () => {
    const start = utc('2025-03-01T00:00:00Z');
    const day = ramp(start, start + DAY);
    const prices = new Map(Array.from({ length: 47 }, (_, i) => [start + i * 1800, 1] as const)); // the last half hour is missing
    const flat: PricePlan = { pricePlanId: 'flat', supplier: 'F', rates: [{ validFrom: 0, unitRate: 30 }] };
    const service = await useCases([flat, AGILE], day, { agile: prices });
    const compared = await service.compareAll('m');
    expect(compared.costs.map((c) => c.pricePlanId)).toEqual(['flat']);
    expect(compared.incomplete).toEqual(['agile']);
    expect((await service.recommend('m')).map((c) => c.pricePlanId)).toEqual(['flat']);
    const onAgile = await useCases([AGILE], day, { agile: prices });
    const bill = await onAgile.usageCost('m', { from: start, to: start + DAY });
    expect(bill.complete).toBe(false);
    expect(bill.unpricedKWh).toBeCloseTo(minuteSplit(day, (t) => (t >= start + 47 * 1800 ? undefined : 1)).unpriced, 9);
    expect(rankComplete([{ pricePlanId: 'a', cost: 0, unpricedKWh: 0.001 }])).toEqual({ costs: [], incomplete: ['a'] });
  });

  it('adds VAT to every cost and nothing with a rate of 0', async () => {
    const without = (await (await useCases([VERSIONED], readings)).compareAll('m')).costs[0]!.cost;
    const withVat = await (await useCases([VERSIONED], readings, {}, { vatRate: 0.05 })).compareAll('m');
    expect(withVat.costs[0]!.cost).toBeCloseTo(without * 1.05, 9);
    expect(withVat.currency).toBe('GBP');
  });
});

describe('the past is immutable', () => {
  const NOW = CHANGE + 10;
  const future = { validFrom: NOW + DAY, unitRate: 19 };

  it('allows adding and changing versions that start in the future, and new plans with past versions', () => {
    expect(() => checkPlanChange(VERSIONED, { ...VERSIONED, rates: [...VERSIONED.rates, future] }, NOW)).not.toThrow();
    const withFuture = { ...VERSIONED, rates: [...VERSIONED.rates, future] };
    expect(() => checkPlanChange(withFuture, { ...VERSIONED, rates: [...VERSIONED.rates, { ...future, unitRate: 18 }] }, NOW)).not.toThrow();
    expect(() => checkPlanChange(withFuture, VERSIONED, NOW)).not.toThrow(); // a future version may be withdrawn
    expect(() => checkPlanChange(undefined, VERSIONED, NOW)).not.toThrow();
    expect(() => checkPlanChange(VERSIONED, { ...VERSIONED, supplier: 'Renamed' }, NOW)).not.toThrow();
  });

  it.each([
    ['change a started version', { ...VERSIONED, rates: [VERSIONED.rates[0]!, { ...VERSIONED.rates[1]!, unitRate: 21 }] }, 'the version from 2025-01-01T10:17:00.000Z has started: it cannot be changed'],
    ['remove a started version', { ...VERSIONED, rates: [VERSIONED.rates[0]!] }, 'cannot be removed'],
    ['add a version in the past', { ...VERSIONED, rates: [...VERSIONED.rates.slice(0, 1), { validFrom: CHANGE - 5, unitRate: 1 }, VERSIONED.rates[1]!] }, 'a new version must start in the future'],
    ['move the zone under started versions', { ...VERSIONED, timeZone: 'UTC' }, 'timeZone'],
    ['turn a started plan dynamic', { ...VERSIONED, dynamic: true }, 'dynamic'],
  ])('refuses to %s (409)', (_, next, message) => {
    expect(() => checkPlanChange(VERSIONED, next as PricePlan, NOW)).toThrow(message);
  });

  it('compares versions by value, not by the order of their keys, nested bands included (#40)', () => {
    const banded: PricePlan = { pricePlanId: 'tou', supplier: 'T', timeZone: 'Europe/London', rates: [{ validFrom: 0, unitRate: 30, timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 12 }] }] };
    const reordered = { supplier: 'T', rates: [{ timeOfUse: [{ unitRate: 12, to: '07:30', from: '00:30' }], unitRate: 30, validFrom: 0 }], timeZone: 'Europe/London', pricePlanId: 'tou' };
    expect(() => checkPlanChange(banded, reordered as PricePlan, NOW)).not.toThrow();
    const changedBand = { ...banded, rates: [{ ...banded.rates[0]!, timeOfUse: [{ from: '00:30', to: '07:00', unitRate: 12 }] }] };
    expect(() => checkPlanChange(banded, changedBand, NOW)).toThrow('the version from 1970-01-01T00:00:00.000Z has started: it cannot be changed');
  });

  it('lets a plan none of whose versions has started change its zone or become dynamic (#40)', () => {
    const future: PricePlan = { pricePlanId: 'f', supplier: 'F', timeZone: 'Europe/London', rates: [{ validFrom: NOW + 86_400, unitRate: 20 }] };
    expect(() => checkPlanChange(future, { ...future, timeZone: 'UTC' }, NOW)).not.toThrow();
    expect(() => checkPlanChange(future, { ...future, dynamic: true }, NOW)).not.toThrow();
  });

  it('refuses to turn a plan round, started or not: its meters would be billed the other way (409); unset is import', () => {
    const notStarted: PricePlan = { pricePlanId: 'f', supplier: 'F', rates: [{ validFrom: NOW + 86_400, unitRate: 20 }] };
    for (const plan of [VERSIONED, notStarted]) {
      expect(() => checkPlanChange(plan, { ...plan, direction: 'export' }, NOW)).toThrow('direction says which meters are on the plan: it cannot change');
      expect(() => checkPlanChange(plan, { ...plan, direction: 'import' }, NOW)).not.toThrow();
      expect(() => checkPlanChange({ ...plan, direction: 'export' }, plan, NOW)).toThrow('direction');
    }
  });

  it('keeps a started half hour: the same price again is a no-op, another is refused; later ones may change', () => {
    const day = utc('2025-03-01T00:00:00Z');
    const stored = new Map([[day, Array.from({ length: 48 }, (_, i) => (i < 2 ? 5 : null))]]);
    expect(mergeHalfHours(stored, [{ from: day, value: 5 }], day + 10)).toEqual(new Map());
    expect(() => mergeHalfHours(stored, [{ from: day, value: 6 }], day + 10)).toThrow('the half hour from 2025-03-01T00:00:00.000Z has started: its price 5 cannot change to 6');
    expect(mergeHalfHours(stored, [{ from: day + 1800, value: 7 }], day + 10).get(day)![1]).toBe(7);
    expect(mergeHalfHours(stored, [{ from: day + 3600, value: -2 }], day + 7200).get(day)![2]).toBe(-2); // unpublished, started: may be filled
  });
});

describe('"now" belongs to the past: the boundary instant, from an injected clock', () => {
  // 2025-01-01T10:17:00Z, the instant VERSIONED's second version starts.
  const START = 1_735_726_620;

  it('refuses a new version starting exactly now: it must start after now (#40 P2a)', () => {
    const stored: PricePlan = { pricePlanId: 'p', supplier: 'S', rates: [{ validFrom: 0, unitRate: 10 }] };
    const next: PricePlan = { ...stored, rates: [...stored.rates, { validFrom: START, unitRate: 9 }] };
    expect(() => checkPlanChange(stored, next, START)).toThrow('a new version must start in the future; 2025-01-01T10:17:00.000Z has passed');
    expect(() => checkPlanChange(stored, next, START - 1)).not.toThrow(); // one second earlier, it is still to come
  });

  it('counts a version starting exactly now as started: it can no longer change (#40 P2b)', () => {
    const next: PricePlan = { ...VERSIONED, rates: [VERSIONED.rates[0]!, { ...VERSIONED.rates[1]!, unitRate: 21 }] };
    expect(() => checkPlanChange(VERSIONED, next, START)).toThrow('the version from 2025-01-01T10:17:00.000Z has started: it cannot be changed');
    expect(() => checkPlanChange(VERSIONED, next, START - 1)).not.toThrow();
  });

  it('keeps the price of a half hour starting exactly now (#40 P3a)', () => {
    const day = 1_740_787_200; // 2025-03-01T00:00:00Z
    const stored = new Map([[day, Array.from({ length: 48 }, (_, i) => (i === 3 ? 5 : null))]]);
    const halfHour = day + 3 * 1800; // 01:30, priced 5
    expect(() => mergeHalfHours(stored, [{ from: halfHour, value: 6 }], halfHour)).toThrow('the half hour from 2025-03-01T01:30:00.000Z has started: its price 5 cannot change to 6');
    expect(mergeHalfHours(stored, [{ from: halfHour, value: 6 }], halfHour - 1).get(day)![3]).toBe(6);
  });
});

describe('the warm cache of plans and prices', () => {
  it('keeps started, complete days for good and re-reads the rest once the promise runs out', async () => {
    const day = utc('2025-03-01T00:00:00Z');
    const source = new InMemoryPricePlansStore(catalogueOf([AGILE]), { agile: new Map(Array.from({ length: 96 }, (_, i) => [day + i * 1800, 1] as const)) });
    let reads = 0;
    const counting = { catalogue: () => (reads++, source.catalogue()), halfHourDays: (...a: Parameters<typeof source.halfHourDays>) => (reads++, source.halfHourDays(...a)) };
    let now = day + DAY + 3600; // the first day has ended, the second has not
    const cache = new CachedPricePlans(counting, () => now);
    await cache.halfHourDays(pricesSeries('agile'), day, day);
    await cache.catalogue();
    expect(reads).toBe(2);
    now += 3000;
    await cache.halfHourDays(pricesSeries('agile'), day, day);
    expect(reads).toBe(2); // final: not read again 50 minutes on (nor ever)
    await cache.halfHourDays(pricesSeries('agile'), day + DAY, day + DAY);
    await cache.halfHourDays(pricesSeries('agile'), day + DAY, day + DAY);
    expect(reads).toBe(3);
    now += 61;
    await cache.halfHourDays(pricesSeries('agile'), day + DAY, day + DAY);
    await cache.catalogue();
    expect(reads).toBe(5); // the unfinished day and the catalogue are read again within the promised 60 s
    cache.clear();
    await cache.catalogue();
    expect(reads).toBe(6);
  });

  /** A source whose catalogue and one day's prices change when the test says; the cache in front of it at `clock.now`. */
  function changingSource(day: number) {
    const state = { unitRate: 10, prices: Array.from({ length: 48 }, (_, i): number | null => (i < 47 ? 7 : null)) };
    const plan = (): PricePlan => ({ pricePlanId: 'p', supplier: 'S', rates: [{ validFrom: 0, unitRate: state.unitRate }] });
    const source = {
      catalogue: async () => catalogueOf([plan()]),
      halfHourDays: async (_: unknown, first: number, last: number) => new Map(first <= day && day <= last ? [[day, [...state.prices]]] : []),
    };
    return { state, source };
  }

  it('shows a catalogue change in a warm copy within 60 s, wherever it falls after the copy last read (#40 C1)', async () => {
    // The README's promise, as numbers: a change made at t is seen by every warm function by t + 60 s. A change right
    // after a read is the worst case; 61 s after the change, the copy has read again.
    for (const changeAfterRead of [0, 1, 29, 30, 31, 59]) {
      const { state, source } = changingSource(0);
      let now = 1_740_787_200; // 2025-03-01T00:00:00Z
      const cache = new CachedPricePlans(source, () => now);
      expect((await cache.catalogue()).pricePlans[0]!.rates[0]!.unitRate).toBe(10);
      now += changeAfterRead;
      state.unitRate = 12;
      now += 61;
      expect((await cache.catalogue()).pricePlans[0]!.rates[0]!.unitRate, `changed ${changeAfterRead} s after the read`).toBe(12);
    }
  });

  it('re-reads a past day that still has an unpublished half hour: a price published later is seen within 60 s (#40 C3)', async () => {
    const day = 1_740_787_200; // 2025-03-01T00:00:00Z; 23:30 of it is not published yet
    const { state, source } = changingSource(day);
    let now = day + 2 * DAY; // the day has ended
    const cache = new CachedPricePlans(source, () => now);
    expect((await cache.halfHourDays(pricesSeries('p'), day, day)).get(day)![47]).toBeNull();
    state.prices[47] = 9; // published late
    now += 61;
    expect((await cache.halfHourDays(pricesSeries('p'), day, day)).get(day)![47]).toBe(9);
  });

  /** A source of fully published days (one price per half hour), counting its reads per day. */
  function publishedDays() {
    const reads: number[] = [];
    let price = 7;
    const source = {
      catalogue: async () => catalogueOf([AGILE]),
      halfHourDays: async (_: unknown, first: number, last: number) => {
        const days = new Map<number, (number | null)[]>();
        for (let day = first; day <= last; day += DAY) {
          days.set(day, Array(48).fill(price));
          reads.push(day);
        }
        return days;
      },
    };
    return { reads, source, republish: (value: number) => (price = value) };
  }

  it('re-reads a future day even when every half hour of it is published: its prices may still change (#40)', async () => {
    const tomorrow = 1_740_873_600; // 2025-03-02T00:00:00Z
    const { source, republish } = publishedDays();
    let now = tomorrow - 3600;
    const cache = new CachedPricePlans(source, () => now);
    expect((await cache.halfHourDays(pricesSeries('agile'), tomorrow, tomorrow)).get(tomorrow)![0]).toBe(7);
    republish(8); // tomorrow's half hours have not started: they may be published again
    now += 61;
    expect((await cache.halfHourDays(pricesSeries('agile'), tomorrow, tomorrow)).get(tomorrow)![0]).toBe(8);
  });

  it('keeps a day for good from the instant it ends, and reads the catalogue once within its refresh (#40)', async () => {
    const day = 1_740_787_200; // 2025-03-01T00:00:00Z
    const { reads, source } = publishedDays();
    let catalogueReads = 0;
    let now = day + DAY; // the day ended exactly now
    const cache = new CachedPricePlans({ ...source, catalogue: () => (catalogueReads++, source.catalogue()) }, () => now);
    await cache.halfHourDays(pricesSeries('agile'), day, day);
    await cache.catalogue();
    now += 10;
    await cache.catalogue();
    expect(catalogueReads).toBe(1); // 10 s on: the copy read then
    now += 3000;
    await cache.halfHourDays(pricesSeries('agile'), day, day);
    expect(reads).toEqual([day]); // final when read: not read again 50 minutes on
  });

  it('does not keep a failed catalogue read: the next call reads again (#40)', async () => {
    let calls = 0;
    const source = { catalogue: async () => (++calls === 1 ? Promise.reject(new Error('throttled')) : catalogueOf([AGILE])), halfHourDays: async () => new Map() };
    const cache = new CachedPricePlans(source, () => 1_740_787_200);
    await expect(cache.catalogue()).rejects.toThrow('throttled');
    expect((await cache.catalogue()).pricePlans[0]!.pricePlanId).toBe('agile'); // the same second: read again
    expect(calls).toBe(2);
  });

  it('keeps at most 50,000 days: past that, the next read starts the cache afresh (#40)', async () => {
    const first = 946_684_800; // 2000-01-01T00:00:00Z
    const { reads, source } = publishedDays();
    const now = first + 60_000 * DAY; // every day below has ended: each is kept for good
    const cache = new CachedPricePlans(source, () => now);
    await cache.halfHourDays(pricesSeries('agile'), first, first + 49_999 * DAY); // 50,000 days
    await cache.halfHourDays(pricesSeries('agile'), first + 50_000 * DAY, first + 50_000 * DAY); // 50,001: at the bound
    await cache.halfHourDays(pricesSeries('agile'), first, first); // kept
    expect(reads).toHaveLength(50_001);
    await cache.halfHourDays(pricesSeries('agile'), first + 50_001 * DAY, first + 50_001 * DAY); // over it: cleared first
    await cache.halfHourDays(pricesSeries('agile'), first, first); // so the first day is read again
    expect(reads.slice(50_001)).toEqual([first + 50_001 * DAY, first]);
  });
});

