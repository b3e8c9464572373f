import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newAccount } from '../../shared/domain/accounts.js';
import { IntervalEnergy } from '../../shared/domain/energy-source.js';
import { parseCatalogueJson } from '../../shared/domain/price-plan-catalogue.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { compareIntervals } from '../../shared/services/plan-costs.js';
import { InMemoryAccountsStore, InMemoryPricePlansStore, InMemoryReadingsStore } from '../support/in-memory-stores.js';
import { plansStore } from '../support/plans.js';
import { UseCases } from '../support/use-cases.js';

/** Half-hour intervals costed by the same engine as readings (#35): energy per span from kWh per half hour. */
const D = Date.parse('2026-01-05T00:00:00Z') / 1000; // a Monday
const HH = 1800;
const NOW = D + 10 * 86_400;
const halfHours = (count: number, kWh: (i: number) => number, from = D) => Array.from({ length: count }, (_, i) => ({ start: from + i * HH, kWh: kWh(i) }));

describe('half-hour intervals as an energy source', () => {
  it('costs 48 half hours of 0.5 kWh at 24.5p/kWh + 53.35p/day, 5% VAT: (24 × 24.5 + 53.35) × 1.05 = 673.4175p', async () => {
    const flex: PricePlan = { pricePlanId: 'flex', supplier: 'F', rates: [{ validFrom: 0, unitRate: 24.5, standingChargePerDay: 53.35 }] };
    const answer = await compareIntervals(plansStore([flex], {}, { vatRate: 0.05 }), halfHours(48, () => 0.5), NOW);
    expect(answer).toEqual({ currency: 'GBP', costs: [{ pricePlanId: 'flex', cost: 673.4175 }], incomplete: [], coverage: 1, span: { from: D, to: D + 48 * HH } });
  });

  it('gives a period that cuts a half hour its share in proportion to the time it covers', async () => {
    const source = new IntervalEnergy([{ start: D, kWh: 0.9 }, { start: D + HH, kWh: 0.3 }], NOW);
    // 00:10–00:20 is a third of the first half hour (0.3 kWh); 00:20–00:40 is its last third (0.3) and the next's first (0.1).
    const [energies] = await source.energy([[{ from: D + 600, to: D + 1200 }, { from: D + 1200, to: D + 2400 }, { from: D, to: D + 2 * HH }, { from: D + 2 * HH, to: D + 3 * HH }]]);
    const [third, across, whole, outside] = energies!;
    expect(third).toBeCloseTo(0.3, 12);
    expect(across).toBeCloseTo(0.4, 12);
    expect(whole).toBeCloseTo(1.2, 12);
    expect(outside).toBe(0);
    expect(source.span).toEqual({ from: D, to: D + 2 * HH });
  });

  it('covers exactly the half hours present (a zero included), and lists a plan missing a price as incomplete', async () => {
    // 47 of the day's 48 half hours (03:00 is missing; 04:00 used nothing): 47/48 = 0.979.
    const intervals = halfHours(48, (i) => (i === 8 ? 0 : 0.4)).filter((_, i) => i !== 6);
    const agile: PricePlan = { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0 }] };
    const flat: PricePlan = { pricePlanId: 'flat', supplier: 'F', rates: [{ validFrom: 0, unitRate: 10 }] };
    const prices = { agile: new Map(halfHours(47, () => 0).map(({ start }) => [start, 20] as const)) }; // 23:30 unpublished
    const answer = await compareIntervals(plansStore([agile, flat], prices), intervals, NOW);
    expect(answer.coverage).toBe(0.979);
    expect(answer.incomplete).toEqual(['agile']);
    expect(answer.costs).toEqual([{ pricePlanId: 'flat', cost: 184 }]); // 46 × 0.4 = 18.4 kWh × 10p
  });

  it("costs a day exactly as compare-all costs the same energy from a power meter's readings, every example plan", async () => {
    // 1.2 kW steady, a reading a minute for the whole day: 0.6 kWh in each half hour, exactly.
    const readings = Array.from({ length: 24 * 60 + 1 }, (_, i) => ({ time: D + i * 60, reading: 1.2 }));
    const catalogue = parseCatalogueJson(readFileSync('shared/catalogue/example-catalogue.json', 'utf8'));
    const prices = { agile: new Map(halfHours(48, (i) => 10 + (i % 5)).map(({ start, kWh }) => [start, kWh] as const)) };
    const store = new InMemoryReadingsStore();
    await store.save('m', readings);
    const cases = new UseCases({ readings: store, accounts: new InMemoryAccountsStore([newAccount('m', 'flex')]), pricePlans: new InMemoryPricePlansStore(catalogue, prices), now: () => NOW });
    const fromReadings = await cases.compareAll('m', { from: D, to: D + 86_400 });
    const fromIntervals = await compareIntervals(new InMemoryPricePlansStore(catalogue, prices), halfHours(48, () => 0.6), NOW);
    expect(fromIntervals.costs.map((c) => c.pricePlanId).sort()).toEqual(['agile', 'economy-7', 'flex', 'flux']); // the import plans: a household's own download is what it imported
    expect(fromIntervals).toEqual({ currency: fromReadings.currency, costs: fromReadings.costs, incomplete: fromReadings.incomplete, coverage: fromReadings.coverage, span: { from: D, to: D + 48 * HH } });
  });
});
