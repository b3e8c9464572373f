import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { newAccount } from '../../shared/domain/accounts.js';
import type { Granularity } from '../../shared/domain/calendar.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import type { Reading } from '../../shared/domain/readings.js';
import { UseCases } from '../support/use-cases.js';
import { flatPlan, plansStore } from '../support/plans.js';
import { InMemoryAccountsStore, InMemoryReadingsStore, InMemorySummariesStore } from '../support/in-memory-stores.js';

const utc = (iso: string) => Date.parse(iso) / 1000;
const NOW = utc('2026-06-01T00:00:00Z'); // long after the data: every day has settled
const METER = 'meter-1';

const PLANS: PricePlan[] = [
  ...DEFAULT_CATALOGUE.pricePlans,
  flatPlan({ pricePlanId: 'economy-7', supplier: 'E', unitRate: 0.3, standingChargePerDay: 0.45, timeZone: 'Europe/London', timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 0.12 }], peakTimeMultipliers: [{ dayOfWeek: 'SATURDAY', multiplier: 0.8 }] }),
  flatPlan({ pricePlanId: 'nepal-night', supplier: 'N', unitRate: 0.2, timeZone: 'Asia/Kathmandu', timeOfUse: [{ from: '22:00', to: '06:00', unitRate: 0.05 }] }),
  flatPlan({ pricePlanId: 'kolkata', supplier: 'K', unitRate: 0.25, timeZone: 'Asia/Kolkata', timeOfUse: [{ from: '09:30', to: '17:00', unitRate: 0.4 }] }),
  // Versions change at odd instants (inside half hours, on a DST day) and a dynamic plan prices every half hour.
  { pricePlanId: 'versioned', supplier: 'V', timeZone: 'Europe/London', rates: [
    { validFrom: 0, unitRate: 0.3, standingChargePerDay: 0.4 },
    { validFrom: utc('2024-03-31T01:17:00Z'), unitRate: 0.21, standingChargePerDay: 0.5, timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 0.1 }] },
    { validFrom: utc('2024-10-27T01:45:00Z'), unitRate: 0.35 },
  ] },
  { pricePlanId: 'dynamic', supplier: 'D', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 0.47 }] },
];
/** A published price for every half hour of 2024 (some negative), so the dynamic plan is complete. */
const PRICES = new Map(Array.from({ length: 366 * 48 }, (_, i) => [utc('2024-01-01T00:00:00Z') + i * 1800, Math.round(Math.sin(i / 7) * 3000) / 100] as const));
const CATALOGUE = () => plansStore(PLANS, { dynamic: PRICES });

/**
 * Readings every 7 min 13 s (so they straddle half hours and days), values at watt resolution, around both of
 * London's 2024 daylight-saving changes, with a 3-hour hole (longer than the maximum gap) on 2 April.
 */
function readings(): Reading[] {
  const out: Reading[] = [];
  for (const [from, to] of [['2024-03-27T22:17:05Z', '2024-04-06T03:00:00Z'], ['2024-10-24T00:00:00Z', '2024-11-01T00:00:00Z']] as const) {
    for (let t = utc(from), i = 0; t < utc(to); t += 433, i++) {
      if (t >= utc('2024-04-02T10:00:00Z') && t < utc('2024-04-02T13:00:00Z')) continue;
      out.push({ time: t, reading: Math.round((0.2 + Math.abs(Math.sin(i / 37)) * 2.5 + (i % 11) / 20) * 1000) / 1000 });
    }
  }
  return out;
}

async function services() {
  const data = readings();
  const make = async (summaries?: InMemorySummariesStore) => {
    const store = new InMemoryReadingsStore();
    await store.save(METER, data);
    const accounts = new InMemoryAccountsStore([{ ...newAccount(METER, 'price-plan-1'), planHistory: [{ pricePlanId: 'price-plan-1', from: 0 }, { pricePlanId: 'economy-7', from: utc('2024-04-01T12:34:56Z') }] }]);
    const work = { fromSummaries: 0, summarized: 0 };
    const service = new UseCases({
      readings: store, accounts, pricePlans: CATALOGUE(), summaries, now: () => NOW,
      onSummaryWork: (w) => { work.fromSummaries += w.fromSummaries; work.summarized += w.summarized; },
    });
    return { service, work };
  };
  const summaries = new InMemorySummariesStore();
  return { raw: (await make()).service, ...(await make(summaries)), summaries };
}

const close = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('stored summaries give the raw readings\' answer (1e-9 relative), for every endpoint and catalogue', () => {
  it('compare-all and recommend: open, on whole days, on the half-hour grid, and cut mid half-hour', async () => {
    const { raw, service, work, summaries } = await services();
    const ranges = [
      {},
      { from: utc('2024-03-29T00:00:00Z'), to: utc('2024-04-04T00:00:00Z') },
      { from: utc('2024-03-30T23:30:00Z'), to: utc('2024-04-01T06:30:00Z') }, // on the grid, across the spring change
      { from: utc('2024-03-31T00:10:17Z'), to: utc('2024-04-03T19:44:01Z') }, // mid half-hour
      { from: utc('2024-10-26T00:00:00Z'), to: utc('2024-10-28T12:00:00Z') }, // the autumn change
      { from: 0, to: utc('2030-01-01T00:00:00Z') },
    ];
    for (const pass of ['summarizing', 'from summaries']) {
      for (const range of ranges) {
        const expected = await raw.compareAll(METER, range);
        const actual = await service.compareAll(METER, range);
        expect(actual.costs.map((c) => c.pricePlanId), `${pass} ${JSON.stringify(range)}`).toEqual(expected.costs.map((c) => c.pricePlanId));
        for (const [i, c] of expected.costs.entries()) close(actual.costs[i]!.cost, c.cost, `${pass} ${c.pricePlanId} ${JSON.stringify(range)}`);
      }
    }
    expect(summaries.counts.saved).toBeGreaterThan(10);
    expect(work.fromSummaries).toBeGreaterThan(50); // the second pass really used them
  });

  it.each([
    ['hour', 'Europe/London'], ['day', 'Europe/London'], ['week', 'Europe/London'], ['month', 'Europe/London'],
    ['day', 'UTC'], ['hour', 'Asia/Kathmandu'], ['day', 'Asia/Kathmandu'], ['day', 'Asia/Kolkata'],
  ] as [Granularity, string][])('usage by %s in %s', async (groupBy, tz) => {
    const { raw, service, work } = await services();
    for (const range of [{}, { from: utc('2024-03-30T00:00:00Z'), to: utc('2024-04-05T00:00:00Z') }, { from: utc('2024-03-30T00:07:00Z'), to: utc('2024-11-01T00:00:00Z') }]) {
      await service.usage(METER, range, groupBy, tz); // summarize
      const expected = await raw.usage(METER, range, groupBy, tz);
      const actual = await service.usage(METER, range, groupBy, tz);
      expect(actual.periods.map((p) => [p.from, p.to])).toEqual(expected.periods.map((p) => [p.from, p.to]));
      expected.periods.forEach((p, i) => close(actual.periods[i]!.kWh, p.kWh, `${groupBy} ${tz} ${p.from}`));
    }
    expect(work.fromSummaries).toBeGreaterThan(0);
  });

  it('usage cost over a plan switch, on and off the grid', async () => {
    const { raw, service } = await services();
    for (const span of [
      { from: utc('2024-03-28T00:00:00Z'), to: utc('2024-04-05T00:00:00Z') },
      { from: utc('2024-03-28T03:03:03Z'), to: utc('2024-04-05T21:21:21Z') },
    ]) {
      await service.usageCost(METER, span);
      const expected = await raw.usageCost(METER, span);
      const actual = await service.usageCost(METER, span);
      expect(actual.byPlan.map((p) => p.pricePlanId)).toEqual(['price-plan-1', 'economy-7']);
      close(actual.kWh, expected.kWh, 'kWh');
      close(actual.cost, expected.cost, 'cost');
      actual.byPlan.forEach((p, i) => close(p.cost, expected.byPlan[i]!.cost, `part ${i}`));
    }
  });
});

describe('summaries are never stale', () => {
  it('a late write landing while a summary is being made wins: that summary is refused, the next answer is the raw one', async () => {
    const { raw, service, summaries } = await services();
    const day = { from: utc('2024-04-03T00:00:00Z'), to: utc('2024-04-04T00:00:00Z') };
    const replacement = Array.from({ length: 24 * 60 }, (_, i) => ({ time: day.from + i * 60, reading: 5 }));
    const before = await raw.compareAll(METER, day);
    let interleaved = false;
    summaries.beforeSave = async () => {
      if (interleaved) return;
      interleaved = true; // the first summary being stored: a late batch for that day lands right now
      await service.storeReadings({ smartMeterId: METER, electricityReadings: replacement });
      await raw.storeReadings({ smartMeterId: METER, electricityReadings: replacement });
    };
    await service.compareAll(METER, day);
    expect(interleaved).toBe(true);
    expect(summaries.counts.refused).toBeGreaterThan(0); // made from readings read before the write: not stored
    summaries.beforeSave = undefined;
    const expected = await raw.compareAll(METER, day);
    for (let pass = 0; pass < 2; pass++) {
      const actual = await service.compareAll(METER, day);
      for (const [i, c] of expected.costs.entries()) close(actual.costs[i]!.cost, c.cost, `pass ${pass} ${c.pricePlanId}`);
    }
    // The late readings changed the answer (a minute-by-minute 5 kW among the old ones), and it shows at once.
    const flat = (comparison: typeof before) => comparison.costs.find((c) => c.pricePlanId === 'price-plan-1')!.cost;
    expect(flat(expected)).toBeGreaterThan(flat(before) * 1.5);
  });

  it('in-order readings of today touch no settled day (no extra writes); a late one marks its days before and after', async () => {
    const summaries = new InMemorySummariesStore();
    const store = new InMemoryReadingsStore();
    const today = utc('2026-05-31T10:00:00Z');
    const service = new UseCases({ readings: store, accounts: new InMemoryAccountsStore([newAccount(METER, 'price-plan-1')]), pricePlans: CATALOGUE(), summaries, now: () => today + 900 });
    await service.storeReadings({ smartMeterId: METER, electricityReadings: Array.from({ length: 15 }, (_, i) => ({ time: today + i * 60, reading: 1 })) });
    expect(summaries.counts.marks).toBe(0);
    await service.storeReadings({ smartMeterId: METER, electricityReadings: [{ time: utc('2026-05-20T12:00:00Z'), reading: 1 }] });
    expect(summaries.counts.marks).toBe(2); // one day, bumped before and after the write
  });
});
