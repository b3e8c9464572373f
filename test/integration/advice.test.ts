import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { newAccount } from '../../shared/domain/accounts.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { fixClock } from '../support/clock.js';

const DAY = 86_400;
const HH = 1800;
/** Two days ago (UTC), whole and in the past; and tomorrow, in the future. */
const NOW = fixClock();
const PAST = Math.floor(NOW / DAY) * DAY - 2 * DAY;
const TOMORROW = PAST + 3 * DAY;
const E7: PricePlan = { pricePlanId: 'e7', supplier: 'E', timeZone: 'UTC', rates: [{ validFrom: 0, unitRate: 30, timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 10 }] }] };
const AGILE: PricePlan = { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0 }] };

describe('advice on when to use energy, over HTTP in open demo mode', () => {
  let server: RunningServer;
  let base: string;
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
  const put = (path: string, body: unknown) => fetch(base + path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const tables = await freshTables({ catalogue: { currency: 'GBP', vatRate: 0, pricePlans: [DEFAULT_CATALOGUE.pricePlans[0]!, E7, AGILE] } });
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts);
    await accounts.save(newAccount('owl', 'e7'));
    // 1 kW through the past day, a reading a minute: 0.5 kWh in every half hour.
    await readingsStore(tables).save('owl', Array.from({ length: 24 * 60 + 1 }, (_, i) => ({ time: PAST + i * 60, reading: 1 })));
    server = await startLocalServer();
    base = server.base;
  });
  afterAll(() => server.close());

  it("answers a meter's cheapest window on its plan, and a plan's; a plan without published prices says so", async () => {
    const window = await json(await fetch(`${base}/advice/owl/cheapest-window?from=${TOMORROW}&to=${TOMORROW + DAY}&duration=7200`));
    expect(window).toMatchObject({ status: 'ok', pricePlanId: 'e7', currency: 'GBP', averageRate: 10, cost: 10 });
    expect((window.slots as { from: number }[]).map((s) => s.from)).toEqual([0, 1, 2, 3].map((i) => TOMORROW + HH + i * HH));
    const agile = await json(await fetch(`${base}/price-plans/agile/cheapest-window?from=${TOMORROW}&to=${TOMORROW + DAY}`));
    expect(agile).toMatchObject({ status: 'rates_incomplete', missing: { from: TOMORROW, to: TOMORROW + HH } });
    for (const query of ['duration=1000', 'duration=0', `from=${TOMORROW}&to=${TOMORROW + 8 * DAY}`, 'mode=sometimes', 'rank=price-times-carbon', 'maxRate=cheap', `from=${TOMORROW}&to=${TOMORROW + HH}&duration=3600`]) {
      expect((await fetch(`${base}/price-plans/e7/cheapest-window?${query}`)).status, query).toBe(400);
    }
    expect((await fetch(`${base}/price-plans/nope/cheapest-window`)).status).toBe(404);
  });

  it('publishes carbon intensity (final once started), ranks by it, and adds gCO2 to usage where it covers a period', async () => {
    const intensity = Array.from({ length: 48 }, (_, i) => ({ from: PAST + i * HH, gCO2PerKWh: i === 3 ? 150 : 200 }));
    expect((await put('/admin/carbon-intensity', { intensity })).status).toBe(200);
    expect((await put('/admin/carbon-intensity', { intensity: [{ from: PAST, gCO2PerKWh: 201 }] })).status).toBe(409);
    // Published only from 2000 to a year ahead, like readings (#33.13): 1970 and 9999 are refused, naming the bound.
    for (const from of [0, 253_402_300_200 - (253_402_300_200 % 1800)]) {
      const refused = await put('/admin/carbon-intensity', { intensity: [{ from, gCO2PerKWh: 100 }] });
      expect(refused.status, String(from)).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain('outside what may be published');
    }
    const prices = await put('/admin/price-plans/agile/prices', { prices: [{ from: 0, unitRate: 10 }] });
    expect(prices.status).toBe(400);
    const spread = await put('/admin/carbon-intensity', { intensity: Array.from({ length: 200 }, (_, i) => ({ from: TOMORROW + i * DAY, gCO2PerKWh: 1 })) });
    expect(spread.status).toBe(400); // 200 days would need more than one transaction
    expect(((await spread.json()) as { message: string }).message).toContain('at most 25');
    const future = Array.from({ length: 48 }, (_, i) => ({ from: TOMORROW + i * HH, gCO2PerKWh: 300 - i }));
    expect((await put('/admin/carbon-intensity', { intensity: future })).status).toBe(200);
    expect((await put('/admin/carbon-intensity', { intensity: [{ from: TOMORROW, gCO2PerKWh: 1 }] })).status).toBe(200); // a forecast, replaced
    const read = await json(await fetch(`${base}/carbon-intensity?from=${TOMORROW}&to=${TOMORROW + HH * 2}`));
    expect(read).toEqual({ intensity: [{ from: TOMORROW, to: TOMORROW + HH, gCO2PerKWh: 1 }, { from: TOMORROW + HH, to: TOMORROW + 2 * HH, gCO2PerKWh: 299 }] });

    const greenest = await json(await fetch(`${base}/price-plans/e7/cheapest-window?from=${TOMORROW}&to=${TOMORROW + DAY}&duration=1800&rank=carbon`));
    expect(greenest.slots).toEqual([{ from: TOMORROW, to: TOMORROW + HH, unitRate: 30, gCO2PerKWh: 1 }]);
    const cheapThenClean = await json(await fetch(`${base}/price-plans/e7/cheapest-window?from=${TOMORROW}&to=${TOMORROW + DAY}&duration=1800&rank=cost-then-carbon`));
    expect((cheapThenClean.slots as { from: number }[])[0]!.from).toBe(TOMORROW + 14 * HH); // the last night half hour: cheapest rate, least carbon
    const noCarbon = await json(await fetch(`${base}/price-plans/e7/cheapest-window?from=${TOMORROW + DAY}&to=${TOMORROW + 2 * DAY}&rank=carbon`));
    expect(noCarbon).toMatchObject({ status: 'intensity_incomplete', missing: { from: TOMORROW + DAY } });

    // 0.5 kWh in the half hour at 150 g/kWh: 75 g; every other half hour 0.5 × 200 = 100 g.
    const usage = await json(await fetch(`${base}/usage/owl?from=${PAST}&to=${PAST + 2 * 3600}&groupBy=hour&tz=UTC`));
    const periods = usage.periods as { kWh: number; gCO2: number; gCO2Complete: boolean }[];
    expect(periods[0]!.gCO2).toBeCloseTo(200, 9);
    expect(periods[1]!.gCO2).toBeCloseTo(100 + 75, 9);
    expect(periods.every((p) => p.gCO2Complete)).toBe(true);
    const day = await json(await fetch(`${base}/usage/owl?from=${PAST}&to=${PAST + 2 * DAY}&groupBy=day&tz=UTC`));
    expect(day.periods).toMatchObject([{ gCO2Complete: true }, { kWh: expect.any(Number) }]);
    expect((day.periods as object[])[1]).not.toHaveProperty('gCO2'); // no intensity published for that day
  });

  it('says what moving a fifth of each day to its cheapest half hours would save: nothing on a flat plan', async () => {
    const shift = await json(await fetch(`${base}/advice/owl/load-shift?share=0.2&from=${PAST}&to=${PAST + DAY}`));
    const byPlan = Object.fromEntries((shift.plans as { pricePlanId: string; cost: number; costShifted: number; saving: number }[]).map((p) => [p.pricePlanId, p]));
    expect(byPlan['price-plan-0']!.saving).toBe(0);
    // 24 kWh; 4.8 kWh from day half hours at 30p into the ten cheapest night ones at 10p: 96p.
    expect(byPlan.e7!.saving).toBeCloseTo(96, 6);
    expect(byPlan.e7!.costShifted).toBeCloseTo(byPlan.e7!.cost - 96, 6);
    expect(shift.incomplete).toEqual(['agile']);
    expect((shift.plans as { pricePlanId: string }[])[0]!.pricePlanId).toBe('price-plan-0'); // 10p flat beats E7 for this day
    expect((await fetch(`${base}/advice/owl/load-shift?share=2`)).status).toBe(400);
  });
});
