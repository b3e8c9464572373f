import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importFile } from '../../cli/import-readings.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { handler as getAccountHandler } from '../../functions/get-account/handler.js';
import { handler as listPricePlansHandler } from '../../functions/list-price-plans/handler.js';
import { handler as onboardMeterHandler } from '../../functions/onboard-meter/handler.js';
import { routeNamed } from '../../functions/routes.js';
import { handler as switchPricePlanHandler } from '../../functions/switch-price-plan/handler.js';
import { handler as storeIntervalsHandler } from '../../functions/store-intervals/handler.js';
import { handler as readIntervalsHandler } from '../../functions/read-intervals/handler.js';
import { handler as publishCvHandler } from '../../functions/publish-calorific-values/handler.js';
import { handler as readCvHandler } from '../../functions/read-calorific-values/handler.js';
import { handler as usageHandler } from '../../functions/usage/handler.js';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as usageCostHandler } from '../../functions/usage-cost/handler.js';
import { handler as getStatementHandler } from '../../functions/get-statement/handler.js';
import { handler as exportUsageHandler } from '../../functions/export-usage/handler.js';
import { handler as compareDualHandler } from '../../functions/compare-dual/handler.js';
import { pricePlansChanged, pricePlansStore } from '../../shared/runtime.js';
import { publishHalfHours } from '../../shared/services/half-hour-publishing.js';
import { CALORIFIC_VALUE_SERIES } from '../../shared/ports/price-plans-store.js';
import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import { checked } from '../support/answers.js';
import { fixClock } from '../support/clock.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables, readingsStore } from '../support/tables.js';

const NOW = fixClock();
const getAccount = checked(routeNamed('getAccount'), getAccountHandler);
const listPricePlans = checked(routeNamed('listPricePlans'), listPricePlansHandler);
const onboard = checked(routeNamed('onboardMeter'), onboardMeterHandler);
const switchPlan = checked(routeNamed('switchPricePlan'), switchPricePlanHandler);
const storeIntervals = checked(routeNamed('storeIntervals'), storeIntervalsHandler);
const readIntervals = checked(routeNamed('readIntervals'), readIntervalsHandler);
const publishCv = checked(routeNamed('publishCalorificValues'), publishCvHandler);
const readCv = checked(routeNamed('readCalorificValues'), readCvHandler);
const usageOf = checked(routeNamed('usage'), usageHandler);
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const usageCostOf = checked(routeNamed('usageCost'), usageCostHandler);
const getStatement = checked(routeNamed('getStatement'), getStatementHandler);
const exportUsage = checked(routeNamed('exportUsage'), exportUsageHandler);
const compareDual = checked(routeNamed('compareDual'), compareDualHandler);

const CATALOGUE = parseCatalogue(
  {
    currency: 'GBP',
    vatRate: 0.05,
    pricePlans: [
      { pricePlanId: 'flat', supplier: 'S', rates: [{ validFrom: 0, unitRate: 24.5, standingChargePerDay: 60 }] },
      { pricePlanId: 'gas-fixed', supplier: 'S', fuel: 'gas', rates: [{ validFrom: 0, unitRate: 6.2, standingChargePerDay: 31 }] },
      { pricePlanId: 'gas-tracker', supplier: 'S', fuel: 'gas', rates: [{ validFrom: 0, unitRate: 5.8, standingChargePerDay: 33 }] },
    ],
  },
  'gas test catalogue',
);

const onboardMeter = async (body: Record<string, unknown>) => parseResult(await onboard(apiEvent({ method: 'POST', path: '/admin/meters', body })));
const account = async (smartMeterId: string) => parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId } }))).body as Record<string, unknown>;

describe('gas meters: onboarded as interval meters of volume, on gas plans only (#37)', () => {
  beforeAll(async () => {
    await freshTables({ catalogue: CATALOGUE });
  });

  it('onboards a gas meter as an interval meter in m³ (or hundreds of cubic feet), and says so', async () => {
    expect((await onboardMeter({ smartMeterId: 'boiler', pricePlanId: 'gas-fixed', fuel: 'gas' })).status).toBe(201);
    expect(await account('boiler')).toMatchObject({ fuel: 'gas', kind: 'interval', units: 'metric', direction: 'import', pricePlanId: 'gas-fixed' });
    expect((await onboardMeter({ smartMeterId: 'old-boiler', pricePlanId: 'gas-fixed', fuel: 'gas', units: 'imperial' })).status).toBe(201);
    expect(await account('old-boiler')).toMatchObject({ fuel: 'gas', units: 'imperial' });
    expect(await account('smart-meter-0')).toMatchObject({ fuel: 'electricity' });
    expect(await account('smart-meter-0')).not.toHaveProperty('units');
  });

  it('refuses a gas meter sending power, exporting, on an electricity plan, and units on an electricity meter (400, naming why)', async () => {
    expect(await onboardMeter({ smartMeterId: 'g1', pricePlanId: 'gas-fixed', fuel: 'gas', kind: 'power' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('kind is interval') } });
    expect(await onboardMeter({ smartMeterId: 'g2', pricePlanId: 'gas-fixed', fuel: 'gas', direction: 'export', importMeterId: 'boiler' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('households do not sell gas') } });
    expect(await onboardMeter({ smartMeterId: 'g3', pricePlanId: 'flat', fuel: 'gas' })).toMatchObject({ status: 400, body: { message: "pricePlanId 'flat' is an electricity plan: a gas meter is billed only on gas plans" } });
    expect(await onboardMeter({ smartMeterId: 'e1', pricePlanId: 'gas-fixed' })).toMatchObject({ status: 400, body: { message: "pricePlanId 'gas-fixed' is a gas plan: an electricity meter is billed only on electricity plans" } });
    expect(await onboardMeter({ smartMeterId: 'e2', pricePlanId: 'flat', units: 'imperial' })).toMatchObject({ status: 400 });
    for (const id of ['g1', 'g2', 'g3', 'e1', 'e2']) expect(parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId: id } }))).status).toBe(404);
  });

  it('switches a gas meter only to gas plans, lists the plans of one fuel, and refuses a gas export plan in a catalogue', async () => {
    const switchTo = async (smartMeterId: string, pricePlanId: string) => parseResult(await switchPlan(apiEvent({ method: 'PUT', pathParameters: { smartMeterId }, body: { pricePlanId } })));
    expect(await switchTo('boiler', 'flat')).toMatchObject({ status: 400, body: { message: expect.stringContaining('a gas meter is billed only on gas plans') } });
    expect(await switchTo('smart-meter-0', 'gas-tracker')).toMatchObject({ status: 400, body: { message: expect.stringContaining('an electricity meter is billed only on electricity plans') } });
    expect((await switchTo('boiler', 'gas-tracker')).status).toBe(200);
    const gas = parseResult(await listPricePlans(apiEvent({ query: { fuel: 'gas' } }))).body as { pricePlans: { pricePlanId: string }[] };
    expect(gas.pricePlans.map((p) => p.pricePlanId).sort()).toEqual(['gas-fixed', 'gas-tracker']);
    expect(() => parseCatalogue([{ pricePlanId: 'x', supplier: 'S', unitRate: 1, fuel: 'gas', direction: 'export' }])).toThrow('households do not sell gas');
  });
});

describe('gas meters send volumes: m³ or hundreds of cubic feet, never kWh; electricity meters never volume (#37)', () => {
  const send = async (smartMeterId: string, intervals: unknown) => parseResult(await storeIntervals(apiEvent({ method: 'POST', path: '/readings/intervals', body: { smartMeterId, intervals } })));
  const read = async (smartMeterId: string) => parseResult(await readIntervals(apiEvent({ pathParameters: { smartMeterId } }))).body as { intervals: Record<string, number>[] };
  const DAY = 1_767_225_600; // 2026-01-01, a Thursday

  beforeAll(async () => {
    await freshTables({ catalogue: CATALOGUE });
    for (const [smartMeterId, pricePlanId, extra] of [['boiler', 'gas-fixed', { fuel: 'gas' }], ['old-boiler', 'gas-fixed', { fuel: 'gas', units: 'imperial' }], ['half-hourly', 'flat', { kind: 'interval' }]] as const) {
      expect((await onboardMeter({ smartMeterId, pricePlanId, ...extra })).status).toBe(201);
    }
  });

  it('stores each meter\'s half hours in its own unit and reads them back in it', async () => {
    expect(await send('boiler', [{ start: DAY, m3: 0.512 }, { start: DAY + 1800, m3: 1.25 }])).toMatchObject({ status: 200, body: { stored: 2, replaced: 0 } });
    expect(await send('old-boiler', [{ start: DAY, ft3x100: 0.25 }])).toMatchObject({ status: 200, body: { stored: 1 } });
    expect((await read('boiler')).intervals).toEqual([{ start: DAY, m3: 0.512 }, { start: DAY + 1800, m3: 1.25 }]);
    expect((await read('old-boiler')).intervals).toEqual([{ start: DAY, ft3x100: 0.25 }]);
  });

  it('refuses another unit with a 409 naming the fuel, a mixed or an empty one with a 400, and volumes over 20', async () => {
    expect(await send('boiler', [{ start: DAY, kWh: 1 }])).toMatchObject({ status: 409, body: { message: expect.stringContaining('is a gas meter: send its half hours as {"start", "m3"}') } });
    expect(await send('old-boiler', [{ start: DAY, m3: 1 }])).toMatchObject({ status: 409, body: { message: expect.stringContaining('{"start", "ft3x100"}') } });
    expect(await send('half-hourly', [{ start: DAY, m3: 1 }])).toMatchObject({ status: 409, body: { message: expect.stringContaining('is an electricity meter: send its half hours as {"start", "kWh"}') } });
    expect((await send('boiler', [{ start: DAY, m3: 1 }, { start: DAY + 1800, kWh: 1 }])).status).toBe(400);
    expect((await send('boiler', [{ start: DAY, m3: 1, kWh: 1 }])).status).toBe(400);
    expect((await send('boiler', [{ start: DAY }])).status).toBe(400);
    expect((await send('boiler', [{ start: DAY, m3: 20.000001 }])).status).toBe(400);
    expect((await read('boiler')).intervals).toEqual([{ start: DAY, m3: 0.512 }, { start: DAY + 1800, m3: 1.25 }]); // nothing changed
  });
});

describe('calorific values: published per UTC day like prices, final once the day has started (#37)', () => {
  const publish = async (values: unknown) => parseResult(await publishCv(apiEvent({ method: 'PUT', path: '/admin/calorific-values', body: { values } })));
  const today = NOW - (NOW % 86_400);

  beforeAll(async () => {
    await freshTables({ catalogue: CATALOGUE });
  });

  it('publishes days and reads them back, ascending', async () => {
    expect(await publish([{ from: today - 86_400, mjPerM3: 39.5 }, { from: today, mjPerM3: 39.2 }, { from: today + 86_400, mjPerM3: 38.9 }])).toEqual({ status: 200, body: { published: 3 } });
    const read = parseResult(await readCv(apiEvent({ query: { from: String(today - 86_400), to: String(today + 2 * 86_400) } }))).body;
    expect(read).toEqual({ values: [{ from: today - 86_400, to: today, mjPerM3: 39.5 }, { from: today, to: today + 86_400, mjPerM3: 39.2 }, { from: today + 86_400, to: today + 2 * 86_400, mjPerM3: 38.9 }] });
  });

  it('keeps a started day\'s value (409 for another, a no-op for the same), replaces tomorrow\'s, and refuses values out of range or off a day start', async () => {
    expect(await publish([{ from: today, mjPerM3: 40 }])).toMatchObject({ status: 409, body: { message: expect.stringContaining('its calorific value 39.2 cannot change to 40') } });
    expect((await publish([{ from: today, mjPerM3: 39.2 }])).status).toBe(200);
    expect((await publish([{ from: today + 86_400, mjPerM3: 39.1 }])).status).toBe(200);
    expect((await publish([{ from: today, mjPerM3: 29.9 }])).status).toBe(400);
    expect((await publish([{ from: today, mjPerM3: 45.1 }])).status).toBe(400);
    expect((await publish([{ from: today + 1800, mjPerM3: 39 }])).status).toBe(400);
    expect((await publish(Array.from({ length: 26 }, (_, i) => ({ from: today + (i + 2) * 86_400, mjPerM3: 39 })))).status).toBe(400);
  });
});

describe('gas answers are in kWh after conversion, and a day without a calorific value makes them incomplete, never guessed (#37)', () => {
  const DAY = 1_767_225_600; // 2026-01-01, a Thursday, before the fixed now
  const usage = async (query: Record<string, string>) => parseResult(await usageOf(apiEvent({ pathParameters: { smartMeterId: 'boiler' }, query }))).body as { periods: { kWh: number; m3?: number; cvComplete?: boolean }[] };
  const compare = async (query: Record<string, string>) => parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId: 'boiler' }, query }))).body as { pricePlanComparisons: Record<string, number>[]; incomplete: string[] };

  beforeAll(async () => {
    await freshTables({ catalogue: CATALOGUE });
    expect((await onboardMeter({ smartMeterId: 'boiler', pricePlanId: 'gas-fixed', fuel: 'gas' })).status).toBe(201);
    // 1 m³ in each half hour of the first day, 0.5 m³ in each of the second; CV published for the first day only.
    const halfHours = (day: number, m3: number) => Array.from({ length: 48 }, (_, i) => ({ start: day + i * 1800, m3 }));
    expect(parseResult(await storeIntervals(apiEvent({ method: 'POST', path: '/readings/intervals', body: { smartMeterId: 'boiler', intervals: [...halfHours(DAY, 1), ...halfHours(DAY + 86_400, 0.5)] } }))).status).toBe(200);
    await publishHalfHours(pricePlansStore(), CALORIFIC_VALUE_SERIES, [{ from: DAY, value: 39.5 }], NOW, 'calorific value');
  });

  it('answers usage per day in kWh with the volume beside it, and says which days lack a calorific value', async () => {
    const { periods } = await usage({ from: String(DAY), to: String(DAY + 2 * 86_400), groupBy: 'day', tz: 'UTC' });
    // Day 1: 48 m³ × 1.02264 × 39.5 ÷ 3.6 = 538.59040 kWh. Day 2: 24 m³, no value published: no kWh, cvComplete false.
    expect(periods[0]).toMatchObject({ m3: 48, cvComplete: true });
    expect(periods[0]!.kWh).toBeCloseTo(538.5904, 4);
    expect(periods[1]).toMatchObject({ kWh: 0, m3: 24, cvComplete: false });
    // The CSV export says the same: each half hour's m³, and its kWh only where its day has a calorific value.
    const csv = (await exportUsage(apiEvent({ pathParameters: { smartMeterId: 'boiler' }, query: { from: String(DAY), to: String(DAY + 2 * 86_400), format: 'csv' } }))).body!.split('\r\n');
    expect(csv[0]).toBe('interval_start,interval_end,kwh,m3');
    expect(csv[1]).toBe('2026-01-01T00:00:00Z,2026-01-01T00:30:00Z,11.221,1.000'); // 1 m³ × 1.02264 × 39.5 ÷ 3.6 = 11.2206 kWh
    expect(csv[49]).toBe('2026-01-02T00:00:00Z,2026-01-02T00:30:00Z,,0.500');
    // Its Green Button feed is of natural gas (commodity 7), holding the 48 converted half hours only.
    const espi = (await exportUsage(apiEvent({ pathParameters: { smartMeterId: 'boiler' }, query: { from: String(DAY), to: String(DAY + 2 * 86_400), format: 'espi' } }))).body!;
    expect(espi).toContain('<espi:commodity>7</espi:commodity>');
    expect(espi.match(/<espi:IntervalReading>/g)).toHaveLength(48);
  });

  it('ranks gas plans over a day with a calorific value, and puts every plan in incomplete over one without', async () => {
    // Day 1 on gas-fixed: 538.5904 kWh × 6.2p + 31p standing = 3,370.26048p, × 1.05 VAT = 3,538.773504p.
    // On gas-tracker: 538.5904 × 5.8 + 33 = 3,156.82432p, × 1.05 = 3,314.665536p: cheapest.
    const day1 = await compare({ from: String(DAY), to: String(DAY + 86_400) });
    expect(day1.incomplete).toEqual([]);
    expect(day1.pricePlanComparisons.map((c) => Object.keys(c)[0])).toEqual(['gas-tracker', 'gas-fixed']);
    expect(day1.pricePlanComparisons[0]!['gas-tracker']).toBeCloseTo(3314.665536, 4);
    expect(day1.pricePlanComparisons[1]!['gas-fixed']).toBeCloseTo(3538.773504, 4);
    const both = await compare({ from: String(DAY), to: String(DAY + 2 * 86_400) });
    expect(both).toMatchObject({ pricePlanComparisons: [], incomplete: ['gas-fixed', 'gas-tracker'] });
    const cost = parseResult(await usageCostOf(apiEvent({ pathParameters: { smartMeterId: 'boiler' }, query: { from: String(DAY + 86_400), to: String(DAY + 2 * 86_400) } }))).body;
    expect(cost).toMatchObject({ complete: false, unconvertedM3: 24, kWh: 0 });
  });

  it('itemises a statement as gas bills do: volume, calorific value and correction on each line, each day at its own value', async () => {
    const statementOf = async () => parseResult(await getStatement(apiEvent({ pathParameters: { smartMeterId: 'boiler' }, query: { from: String(DAY), to: String(DAY + 2 * 86_400) } }))).body as {
      kWh: number; m3: number; complete: boolean; energyCost: number; lines: { from: number; kWh: number; m3: number; mjPerM3: number; correction: number; cost: number }[]; unconverted: { m3: number }[];
    };
    // Before the second day's value is published: its 48 half hours are listed apart, in no kWh, and it is incomplete.
    const before = await statementOf();
    expect(before).toMatchObject({ m3: 72, complete: false });
    expect(before.lines).toHaveLength(48);
    expect(before.unconverted).toHaveLength(48);
    expect(before.unconverted.every((u) => u.m3 === 0.5)).toBe(true);
    // The second day's value arrives (published after the day, as the network does): midnight changes the value.
    await publishHalfHours(pricePlansStore(), CALORIFIC_VALUE_SERIES, [{ from: DAY + 86_400, value: 39.0 }], NOW, 'calorific value');
    pricePlansChanged(); // as the publishing route does: this process's cache forgets what it read
    const after = await statementOf();
    expect(after.unconverted).toEqual([]);
    expect(after.lines).toHaveLength(96);
    const [lastOfDay1, firstOfDay2] = [after.lines[47]!, after.lines[48]!];
    // 23:30 on day 1: 1 m³ × 1.02264 × 39.5 ÷ 3.6 = 11.220633 → 11.221 kWh; at 6.2p: 69.5702p → 69.57p.
    expect(lastOfDay1).toMatchObject({ from: DAY + 86_400 - 1800, m3: 1, mjPerM3: 39.5, correction: 1.02264, kWh: 11.221, cost: 69.57 });
    // 00:00 on day 2: 0.5 m³ × 1.02264 × 39.0 ÷ 3.6 = 5.5393 → 5.539 kWh; at 6.2p: 34.3418p → 34.34p.
    expect(firstOfDay2).toMatchObject({ from: DAY + 86_400, m3: 0.5, mjPerM3: 39, correction: 1.02264, kWh: 5.539, cost: 34.34 });
    // The statement's kWh is its lines' sum: 48 × 11.221 + 48 × 5.539 = 804.48 kWh; its volume 72 m³.
    expect(after).toMatchObject({ kWh: 804.48, m3: 72 });
    const csv = (await getStatement(apiEvent({ pathParameters: { smartMeterId: 'boiler' }, query: { from: String(DAY), to: String(DAY + 2 * 86_400), format: 'csv' } }))).body!.split('\r\n');
    expect(csv[0]).toBe('kind,from,to,price_plan_id,kwh,unit_rate,days,rate_per_day,cost,m3,mj_per_m3,correction');
    expect(csv[1]).toBe('line,2026-01-01T00:00:00Z,2026-01-01T00:30:00Z,gas-fixed,11.221,6.2,,,69.57,1.000,39.5,1.02264');
  });

});

describe('dual fuel: a gas meter linked to its household electricity meter, one statement and every pair ranked (#37)', () => {
  const DAY = 1_767_225_600;
  const DUAL = parseCatalogue(
    {
      currency: 'GBP',
      vatRate: 0.05,
      pricePlans: [
        ...CATALOGUE.pricePlans,
        { pricePlanId: 'dual-elec', supplier: 'S', dualFuelOnly: true, requiresPartner: ['gas-tracker'], rates: [{ validFrom: 0, unitRate: 22, standingChargePerDay: 55 }] },
      ],
    },
    'dual test catalogue',
  );
  const dual = async (smartMeterId: string, query: Record<string, string> = {}) => parseResult(await compareDual(apiEvent({ pathParameters: { smartMeterId }, query })));

  beforeAll(async () => {
    const tables = await freshTables({ catalogue: DUAL });
    expect((await onboardMeter({ smartMeterId: 'home', pricePlanId: 'flat', customerId: 'dee' })).status).toBe(201);
    expect((await onboardMeter({ smartMeterId: 'home-gas', pricePlanId: 'gas-fixed', fuel: 'gas', electricityMeterId: 'home' })).status).toBe(201);
    await readingsStore(tables).save('home', Array.from({ length: 24 * 60 + 1 }, (_, i) => ({ time: DAY + i * 60, reading: 0.5 }))); // 12 kWh
    expect(parseResult(await storeIntervals(apiEvent({ method: 'POST', path: '/readings/intervals', body: { smartMeterId: 'home-gas', intervals: Array.from({ length: 48 }, (_, i) => ({ start: DAY + i * 1800, m3: 0.25 })) } }))).status).toBe(200);
    await publishHalfHours(pricePlansStore(), CALORIFIC_VALUE_SERIES, [{ from: DAY, value: 39.5 }], NOW, 'calorific value');
    pricePlansChanged();
  });

  it('links the two meters both ways, one gas meter per electricity meter of the same customer (409 otherwise)', async () => {
    expect(await account('home')).toMatchObject({ gasMeterId: 'home-gas', fuel: 'electricity' });
    expect(await account('home-gas')).toMatchObject({ electricityMeterId: 'home', fuel: 'gas' });
    expect((await onboardMeter({ smartMeterId: 'second-gas', pricePlanId: 'gas-fixed', fuel: 'gas', electricityMeterId: 'home' })).body).toMatchObject({ message: expect.stringContaining('already has a gas meter: home-gas') });
    expect((await onboardMeter({ smartMeterId: 'x', pricePlanId: 'gas-fixed', fuel: 'gas', electricityMeterId: 'smart-meter-1', customerId: 'dee' })).status).toBe(409);
    expect((await onboardMeter({ smartMeterId: 'y', pricePlanId: 'gas-fixed', fuel: 'gas', electricityMeterId: 'home-gas' })).status).toBe(409);
    expect((await onboardMeter({ smartMeterId: 'z', pricePlanId: 'flat', electricityMeterId: 'home' })).status).toBe(400);
  });

  it('ranks every allowed electricity × gas pair by total, as a brute-force reference over both comparisons does', async () => {
    const { status, body } = await dual('home', { from: String(DAY), to: String(DAY + 86_400) });
    expect(status).toBe(200);
    const answer = body as { current: unknown; pairs: { electricityPlanId: string; gasPlanId: string; electricityCost: number; gasCost: number; total: number }[]; incomplete: unknown[] };
    const costsOf = async (smartMeterId: string) => (parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId }, query: { from: String(DAY), to: String(DAY + 86_400) } }))).body as { pricePlanComparisons: Record<string, number>[] }).pricePlanComparisons.map((e) => Object.entries(e)[0]!);
    const reference = [];
    for (const [e, electricityCost] of await costsOf('home')) {
      for (const [g, gasCost] of await costsOf('home-gas')) {
        if (e === 'dual-elec' && g !== 'gas-tracker') continue; // sold only with gas-tracker
        reference.push({ electricityPlanId: e, gasPlanId: g, electricityCost, gasCost, total: Math.round((electricityCost + gasCost) * 1e6) / 1e6 });
      }
    }
    reference.sort((a, b) => a.total - b.total || a.electricityPlanId.localeCompare(b.electricityPlanId) || a.gasPlanId.localeCompare(b.gasPlanId));
    expect(answer.pairs).toEqual(reference);
    expect(answer.pairs).toHaveLength(3);
    expect(answer).toMatchObject({ current: { electricityPlanId: 'flat', gasPlanId: 'gas-fixed' }, incomplete: [] });
    expect((await dual('smart-meter-1')).status).toBe(409);
    expect((await dual('home-gas')).status).toBe(409);
  });

  it('states both fuels in one statement whose total is the two single-fuel totals added', async () => {
    const statementOf = async (smartMeterId: string) =>
      parseResult(await getStatement(apiEvent({ pathParameters: { smartMeterId }, query: { from: String(DAY), to: String(DAY + 86_400) } }))).body as { total: number; net: number; vat: number; gas?: { total: number; m3: number }; dualFuel?: { total: number; net: number; vat: number } };
    const [both, gasAlone] = [await statementOf('home'), await statementOf('home-gas')];
    // Electricity: 0.25 kWh a half hour at 24.5p = 6.125p → 6.12p (half-even); 48 × 6.12 = 293.76p + 60p standing =
    // 353.76p; VAT 17.688p → 17.69p; total 371.45p → 371p.
    expect(both).toMatchObject({ net: 353.76, vat: 17.69, total: 371 });
    // Gas: 12 m³ × 1.02264 × 39.5 ÷ 3.6 = 134.6476 kWh; per half hour 2.805158 → 2.805 kWh × 6.2p = 17.391p → 17.39p;
    // 48 × 17.39 = 834.72p + 31p = 865.72p; VAT 43.29p (43.286 half-even); total 909.01p → 909p.
    expect(both.gas).toMatchObject({ total: gasAlone.total, m3: 12 });
    expect(gasAlone.total).toBe(909);
    // One total for both fuels: 371p + 909p = 1,280p; net 353.76p + 865.72p = 1,219.48p; VAT 17.69p + 43.29p = 60.98p.
    expect(both.dualFuel).toEqual({ net: 1219.48, vat: 60.98, total: 1280, complete: expect.any(Boolean) });
  });
});

describe('npm run import takes a gas meter\'s download with --unit (#37)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    await freshTables({ catalogue: CATALOGUE });
    expect((await onboardMeter({ smartMeterId: 'imported-gas', pricePlanId: 'gas-fixed', fuel: 'gas' })).status).toBe(201);
    server = await startLocalServer();
  });
  afterAll(() => server.close());

  it('sends the volume column as m3, and refuses kWh for a gas meter (409 naming its fuel)', async () => {
    const DAY = Date.UTC(2026, 0, 1) / 1000;
    const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
    const file = join(mkdtempSync(join(tmpdir(), 'joi-gas-')), 'gas.csv');
    writeFileSync(file, ['Consumption (m³), Start, End', ...Array.from({ length: 4 }, (_, i) => `${(0.2 + i / 10).toFixed(3)}, ${iso(DAY + i * 1800)}, ${iso(DAY + (i + 1) * 1800)}`)].join('\n'));
    const quiet = [vi.spyOn(console, 'log').mockImplementation(() => undefined), vi.spyOn(console, 'error').mockImplementation(() => undefined), vi.spyOn(process.stderr, 'write').mockImplementation(() => true)];
    try {
      expect(await importFile({ api: server.base, smartMeterId: 'imported-gas', file, format: 'octopus-csv', unit: 'm3' })).toBe(0);
      expect(await importFile({ api: server.base, smartMeterId: 'imported-gas', file, format: 'octopus-csv' })).toBe(1); // kWh: refused
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
    const read = parseResult(await readIntervals(apiEvent({ pathParameters: { smartMeterId: 'imported-gas' } }))).body as { intervals: unknown[] };
    expect(read.intervals).toEqual([0.2, 0.3, 0.4, 0.5].map((m3, i) => ({ start: DAY + i * 1800, m3 })));
  });
});
