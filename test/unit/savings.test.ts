import { plansOf } from '../../shared/domain/price-plans.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { DEMO_ACCOUNTS, newAccount } from '../../shared/domain/accounts.js';
import { MIN_DAYS_FOR_ADVICE, planSummary, savingsAdvice, versusCurrent } from '../../shared/domain/savings.js';
import { UseCases } from '../support/use-cases.js';
import { InMemoryAccountsStore, InMemoryPricePlansStore, InMemoryReadingsStore } from '../support/in-memory-stores.js';
import { ECONOMY_7 } from '../support/plans.js';

const DAY = 86_400;
const NOW = Date.parse('2024-06-01T00:00:00Z') / 1000;

/** A constant `kw` every 10 minutes over `days` days ending at NOW. */
function constantPower(days: number, kw: number, end = NOW) {
  const readings = [];
  for (let t = end - days * DAY; t <= end; t += 600) readings.push({ time: t, reading: kw });
  return readings;
}

async function serviceWith(meter: string, readings: { time: number; reading: number }[]) {
  const store = new InMemoryReadingsStore();
  await store.save(meter, readings);
  return new UseCases({ readings: store, accounts: new InMemoryAccountsStore([...DEMO_ACCOUNTS, newAccount('no-plan')]), pricePlans: new InMemoryPricePlansStore(DEFAULT_CATALOGUE), now: () => NOW });
}

describe('savings advice (pure)', () => {
  const period = { period: 'all-data' as const, from: 0, to: 10 * DAY, days: 10, coverage: 1, incomplete: [] as string[] };

  it('advises the cheapest plan with the saving over the period and per year', () => {
    const costs = versusCurrent([{ pricePlanId: 'b', cost: 30 }, { pricePlanId: 'a', cost: 50 }], 'a');
    expect(costs).toEqual([{ pricePlanId: 'b', cost: 30, difference: -20 }, { pricePlanId: 'a', cost: 50, difference: 0 }]);
    expect(savingsAdvice('a', { ...period, costs })).toEqual({
      advice: { pricePlanId: 'b', period: 'all-data', from: 0, to: 10 * DAY, saving: 20, savingPerYear: 20 * 36.5 },
    });
  });

  it('gives no advice on the cheapest plan, below a penny, without a plan, or with less than a week of data', () => {
    const costs = (current: string | null) => versusCurrent([{ pricePlanId: 'b', cost: 30 }, { pricePlanId: 'a', cost: 30.004 }], current);
    expect(savingsAdvice('b', { ...period, costs: costs('b') })).toMatchObject({ noAdvice: { reason: 'already-cheapest' } });
    expect(savingsAdvice('a', { ...period, costs: costs('a') })).toMatchObject({ noAdvice: { reason: 'already-cheapest' } });
    expect(savingsAdvice(null, { ...period, costs: costs(null) })).toMatchObject({ noAdvice: { reason: 'no-current-plan' } });
    expect(costs(null).every((c) => c.difference === null)).toBe(true);
    const short = savingsAdvice('a', { ...period, days: MIN_DAYS_FOR_ADVICE - 1, costs: costs('a') });
    expect(short).toEqual({ noAdvice: { reason: 'too-little-data', message: `advice needs at least 7 days of readings; this meter has 6` } });
  });

  it("describes a time-of-use plan's cheap hours on its own clock", () => {
    expect(planSummary(ECONOMY_7, NOW, 0)).toEqual({
      pricePlanId: 'economy-7',
      supplier: 'The Green Eco',
      direction: 'import',
      dynamic: false,
      unitRate: 0.3,
      standingChargePerDay: 0.45,
      timeZone: 'Europe/London',
      cheapHours: [{ from: '00:30', to: '07:30', unitRate: 0.12 }],
      nextChange: null,
    });
  });

  it('shows the rates in force now and the next change, VAT included; a dynamic plan has no fixed unit rate', () => {
    const plan = { ...ECONOMY_7, rates: [{ validFrom: 0, unitRate: 20, standingChargePerDay: 40 }, { validFrom: NOW + DAY, unitRate: 30, standingChargePerDay: 50 }] };
    expect(planSummary(plan, NOW, 0.05)).toMatchObject({ unitRate: 21, standingChargePerDay: 42, nextChange: { validFrom: NOW + DAY, unitRate: 31.5, standingChargePerDay: 52.5 } });
    expect(planSummary(plan, NOW + DAY, 0.05)).toMatchObject({ unitRate: 31.5, nextChange: null });
    const agile = { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 47 }] };
    expect(planSummary(agile, NOW, 0)).toMatchObject({ dynamic: true, unitRate: null, standingChargePerDay: 47, cheapHours: [] });
  });

  it('gives no advice while the current plan lacks published prices, and never advises an incomplete plan', () => {
    const costs = versusCurrent([{ pricePlanId: 'b', cost: 30 }, { pricePlanId: 'a', cost: 50 }], 'a');
    expect(savingsAdvice('c', { ...period, costs, incomplete: ['c'] })).toMatchObject({ noAdvice: { reason: 'prices-missing' } });
    expect(savingsAdvice('a', { ...period, costs, incomplete: ['z'] })).toMatchObject({ advice: { pricePlanId: 'b' } });
  });
});

describe('the savings use case (in-memory stores)', () => {
  it('compares the last 30 days and all data (shorter than a year) and advises the cheapest, equal to compare-all', async () => {
    // smart-meter-1 is on price-plan-1 (2/kWh); price-plan-2 costs 1/kWh. 1 kW for 10 days = 240 kWh.
    const service = await serviceWith('smart-meter-1', constantPower(10, 1));
    const report = await service.savings('smart-meter-1');
    expect(report.periods.map((p) => [p.period, p.from, p.to, p.days])).toEqual([
      ['last-30-days', NOW - 10 * DAY, NOW, 10],
      ['all-data', NOW - 10 * DAY, NOW, 10],
    ]);
    const costs = report.periods[1]!.costs;
    expect(costs.map((c) => c.pricePlanId)).toEqual(['price-plan-2', 'price-plan-1', 'price-plan-0']);
    expect(costs[0]!.cost).toBeCloseTo(240, 6);
    expect(costs[0]!.difference).toBeCloseTo(-240, 6);
    const compared = await service.compareAll('smart-meter-1', { from: report.periods[1]!.from, to: report.periods[1]!.to });
    expect(costs.map(({ pricePlanId, cost }) => ({ pricePlanId, cost }))).toEqual(compared.costs);
    expect(report.advice).toMatchObject({ pricePlanId: 'price-plan-2', period: 'all-data' });
    expect(report.advice!.saving).toBeCloseTo(240, 6);
    expect(report.advice!.savingPerYear).toBeCloseTo(240 * 36.5, 6);
    expect(report.noAdvice).toBeNull();
    expect(report.plans.map((p) => p.pricePlanId).sort()).toEqual(plansOf(DEFAULT_CATALOGUE, 'import').map((p) => p.pricePlanId).sort()); // an import meter's plans
  });

  it('cuts the 12 months to the readings inside them when the history is longer', async () => {
    const old = constantPower(1, 5, NOW - 400 * DAY);
    const service = await serviceWith('smart-meter-2', [...old, ...constantPower(40, 1)]);
    const report = await service.savings('smart-meter-2');
    expect(report.periods.map((p) => [p.period, p.from, p.to, p.days])).toEqual([
      ['last-30-days', NOW - 30 * DAY, NOW, 30],
      ['last-12-months', NOW - 40 * DAY, NOW, 40],
    ]);
  });

  it('says how much data advice needs, and gives none on the cheapest plan', async () => {
    const short = await (await serviceWith('smart-meter-1', constantPower(3, 1))).savings('smart-meter-1');
    expect(short.advice).toBeNull();
    expect(short.noAdvice).toEqual({ reason: 'too-little-data', message: 'advice needs at least 7 days of readings; this meter has 3' });
    const cheapest = await (await serviceWith('smart-meter-3', constantPower(10, 1))).savings('smart-meter-3'); // price-plan-2
    expect(cheapest.noAdvice?.reason).toBe('already-cheapest');
    const none = await (await serviceWith('smart-meter-0', [])).savings('smart-meter-0');
    expect(none.periods.every((p) => p.days === 0 && p.costs.length === 0)).toBe(true);
    expect(none.noAdvice?.reason).toBe('too-little-data');
  });

  it('lists the accounts a customer owns, and a page of all for operators', async () => {
    const service = await serviceWith('smart-meter-0', []);
    expect((await service.listAccounts({ kind: 'customer', sub: 'demo-customer-peter' })).map((a) => a.smartMeterId)).toEqual(['smart-meter-1']);
    expect(await service.listAccounts({ kind: 'customer', sub: 'nobody' })).toEqual([]);
    expect((await service.listAccounts({ kind: 'operator', sub: 'op' })).map((a) => a.smartMeterId)).toEqual(['no-plan', ...DEMO_ACCOUNTS.map((a) => a.smartMeterId)]);
  });
});
