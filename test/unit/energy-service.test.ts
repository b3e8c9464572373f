import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { DEMO_ACCOUNTS, newAccount } from '../../shared/domain/accounts.js';
import { NoPricePlanError, ValidationError } from '../../shared/errors.js';
import { MAX_USAGE_BUCKETS } from '../../functions/usage/use-case.js';
import { InMemoryAccountsStore, InMemoryPricePlansStore, InMemoryReadingsStore } from '../support/in-memory-stores.js';
import { UseCases } from '../support/use-cases.js';

const METER = 'smart-meter-1'; // price-plan-1, unit rate 2
const START = Date.parse('2024-01-08T09:00:00Z') / 1000;
/** A constant 2 kW for three hours, a reading a minute: 6 kWh. */
const THREE_HOURS = Array.from({ length: 181 }, (_, i) => ({ time: START + i * 60, reading: 2 }));

describe('use case rules (in-memory stores, no Java)', () => {
  let readings: InMemoryReadingsStore;
  let service: UseCases;
  beforeEach(async () => {
    readings = new InMemoryReadingsStore();
    const accounts = new InMemoryAccountsStore([...DEMO_ACCOUNTS, newAccount('no-plan')]);
    service = new UseCases({ readings, accounts, pricePlans: new InMemoryPricePlansStore(DEFAULT_CATALOGUE) });
    await readings.save(METER, THREE_HOURS);
  });

  it('compares plans for an account without a plan (pricePlanId null) but refuses to cost it', async () => {
    await readings.save('no-plan', THREE_HOURS);
    expect((await service.compareAll('no-plan')).pricePlanId).toBeNull();
    await expect(service.usageCost('no-plan', { from: START, to: START + 3600 })).rejects.toThrow(NoPricePlanError);
  });

  it('costs all readings without a range and only the range with one', async () => {
    const all = await service.compareAll(METER);
    expect(all.pricePlanId).toBe('price-plan-1');
    expect(all.costs.map((c) => c.pricePlanId)).toEqual(['price-plan-2', 'price-plan-1', 'price-plan-0']);
    expect(all.costs[0]!.cost).toBeCloseTo(6, 9);
    const firstHour = await service.compareAll(METER, { from: START, to: START + 3600 });
    expect(firstHour.costs[0]!.cost).toBeCloseTo(2, 9);
    expect(await service.recommend(METER, {}, 1)).toEqual([all.costs[0]]);
    const cost = await service.usageCost(METER, { from: START, to: START + 7200 });
    expect(cost).toMatchObject({ pricePlanId: 'price-plan-1', from: START, to: START + 7200 });
    expect(cost.kWh).toBeCloseTo(4, 9);
    expect(cost.cost).toBeCloseTo(8, 9);
  });

  it('buckets usage without a range from the first to the last reading', async () => {
    const report = await service.usage(METER, {}, 'hour', 'UTC');
    expect(report.periods.map((p) => p.from)).toEqual([START, START + 3600, START + 7200]);
    for (const p of report.periods) expect(p.kWh).toBeCloseTo(2, 9);
  });

  it('refuses a from/to range of too many usage buckets before loading a single reading', async () => {
    const tooLong = { from: 0, to: (MAX_USAGE_BUCKETS + 1) * 3600 };
    await expect(service.usage(METER, tooLong, 'hour', 'UTC')).rejects.toThrow(ValidationError);
    await expect(service.usage(METER, tooLong, 'hour', 'UTC')).rejects.toThrow(/from\/to span more than 10000 hour periods/);
    expect(readings.loads.list).toBe(0);
  });

  it('answers the latest 10,000 periods of a longer history when no range is given, instead of refusing', async () => {
    await readings.save(METER, [{ time: START - 20_000 * 3600, reading: 1 }]); // history now spans ~2.3 years
    const report = await service.usage(METER, {}, 'hour', 'UTC');
    expect(report.periods).toHaveLength(MAX_USAGE_BUCKETS);
    expect(report.periods.at(-1)).toEqual({ from: START + 2 * 3600, to: START + 3 * 3600, kWh: expect.closeTo(2, 9), coverage: 1 });
    const byMonth = await service.usage(METER, {}, 'month', 'UTC');
    expect(byMonth.periods[0]!.from).toBeLessThanOrEqual(START - 20_000 * 3600); // short enough: all of it
    const fromOnly = await service.usage(METER, { to: START + 3 * 3600 }, 'hour', 'UTC');
    expect(fromOnly.periods).toHaveLength(MAX_USAGE_BUCKETS);
  });
});
