import { beforeAll, describe, expect, it } from 'vitest';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as comparePairsHandler } from '../../functions/compare-pairs/handler.js';
import { handler as getAccountHandler } from '../../functions/get-account/handler.js';
import { handler as getStatementHandler } from '../../functions/get-statement/handler.js';
import { handler as listPricePlansHandler } from '../../functions/list-price-plans/handler.js';
import { handler as onboardMeterHandler } from '../../functions/onboard-meter/handler.js';
import { handler as publishPricesHandler } from '../../functions/publish-prices/handler.js';
import { handler as recommendHandler } from '../../functions/recommend/handler.js';
import { handler as savingsHandler } from '../../functions/savings/handler.js';
import { handler as switchPricePlanHandler } from '../../functions/switch-price-plan/handler.js';
import { handler as usageCostHandler } from '../../functions/usage-cost/handler.js';
import { handler as storeIntervalsHandler } from '../../functions/store-intervals/handler.js';
import { routeNamed } from '../../functions/routes.js';
import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import type { Reading } from '../../shared/domain/readings.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { checked } from '../support/answers.js';
import { fixClock } from '../support/clock.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables, readingsStore } from '../support/tables.js';

const NOW = fixClock();
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const comparePairs = checked(routeNamed('comparePairs'), comparePairsHandler);
const getAccount = checked(routeNamed('getAccount'), getAccountHandler);
const getStatement = checked(routeNamed('getStatement'), getStatementHandler);
const listPricePlans = checked(routeNamed('listPricePlans'), listPricePlansHandler);
const onboard = checked(routeNamed('onboardMeter'), onboardMeterHandler);
const publishPrices = checked(routeNamed('publishPrices'), publishPricesHandler);
const recommend = checked(routeNamed('recommend'), recommendHandler);
const savings = checked(routeNamed('savings'), savingsHandler);
const switchPlan = checked(routeNamed('switchPricePlan'), switchPricePlanHandler);
const usageCost = checked(routeNamed('usageCost'), usageCostHandler);
const storeIntervals = checked(routeNamed('storeIntervals'), storeIntervalsHandler);

const HOUR = 3600;
/** The first of eight days of data, ten days before the fixed now, at midnight UTC. */
const DAY = NOW - (NOW % 86_400) - 10 * 86_400;
const DAYS = 8;

/** A reading every minute over the data's days: `kW(hour of day)`. */
const profile = (kW: (hour: number) => number): Reading[] =>
  Array.from({ length: DAYS * 24 * 60 + 1 }, (_, i) => ({ time: DAY + i * 60, reading: kW(((i * 60) % 86_400) / HOUR) }));

const CATALOGUE = parseCatalogue(
  {
    currency: 'GBP',
    vatRate: 0.05,
    pricePlans: [
      { pricePlanId: 'flat', supplier: 'S', rates: [{ validFrom: 0, unitRate: 24.5, standingChargePerDay: 60 }] },
      { pricePlanId: 'flux', supplier: 'S', rates: [{ validFrom: 0, unitRate: 27, standingChargePerDay: 50, timeOfUse: [{ from: '02:00', to: '05:00', unitRate: 16 }, { from: '16:00', to: '19:00', unitRate: 38 }] }] },
      { pricePlanId: 'cheap-nights', supplier: 'S', rates: [{ validFrom: 0, unitRate: 30, standingChargePerDay: 45, timeOfUse: [{ from: '00:00', to: '07:00', unitRate: 10 }] }] },
      { pricePlanId: 'outgoing-fixed', supplier: 'S', direction: 'export', rates: [{ validFrom: 0, unitRate: 15 }] },
      { pricePlanId: 'outgoing-dynamic', supplier: 'S', direction: 'export', dynamic: true, rates: [{ validFrom: 0 }] },
      { pricePlanId: 'flux-export', supplier: 'S', direction: 'export', requiresImport: ['flux'], rates: [{ validFrom: 0, unitRate: 18, timeOfUse: [{ from: '11:00', to: '13:00', unitRate: 30 }] }] },
    ],
  },
  'export test catalogue',
);

const post = (path: string, body: unknown) => apiEvent({ method: 'POST', path, body });
const account = async (smartMeterId: string) => parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId } }))).body as Record<string, unknown>;
const onboardMeter = async (body: Record<string, unknown>) => parseResult(await onboard(post('/admin/meters', body)));
const switchTo = async (smartMeterId: string, body: Record<string, unknown>) => parseResult(await switchPlan(apiEvent({ method: 'PUT', pathParameters: { smartMeterId }, body })));
const costs = async (smartMeterId: string, query: Record<string, string> = {}) => {
  const { status, body } = parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId }, query })));
  expect(status).toBe(200);
  return body as { pricePlanId: string; pricePlanComparisons: Record<string, number>[]; incomplete: string[]; coverage: number };
};
type Pairs = { currency: string; current: { importPlanId: string; exportPlanId: string }; pairs: { importPlanId: string; exportPlanId: string; importCost: number; exportCredit: number; net: number }[]; incomplete: { importPlanId: string; exportPlanId: string }[]; coverage: number };
const pairsOf = async (smartMeterId: string, query: Record<string, string> = {}) => parseResult(await comparePairs(apiEvent({ pathParameters: { smartMeterId }, query })));

/** A dynamic export price for every half hour of the data: −5p in the morning (it pays nothing), 12p otherwise. */
const dynamicExportPrice = (from: number) => (((from % 86_400) / HOUR < 12 ? -5 : 12));

describe('solar households: export meters, export plans, pairs and net statements (DynamoDB Local)', () => {
  let tables: TableNames;
  beforeAll(async () => {
    tables = await freshTables({ catalogue: CATALOGUE });
    expect((await onboardMeter({ smartMeterId: 'home', pricePlanId: 'flat', customerId: 'sunny' })).status).toBe(201);
    expect((await onboardMeter({ smartMeterId: 'home-export', pricePlanId: 'outgoing-fixed', direction: 'export', fuel: 'electricity', importMeterId: 'home' })).status).toBe(201);
    const store = readingsStore(tables);
    await store.save('home', profile((h) => (h >= 17 && h < 21 ? 2 : 0.4)));
    // 3 kW of export from 10:00 to 14:00 every day: 12 kWh a day. Power between two readings is integrated as a
    // trapezoid, so the minute before 10:00 holds 0.025 kWh and 13:59–14:00 another: 6.025 kWh before noon, 5.975 after.
    await store.save('home-export', profile((h) => (h >= 10 && h < 14 ? 3 : 0)));
    for (let day = DAY; day < DAY + DAYS * 86_400; day += 86_400) {
      const prices = Array.from({ length: 48 }, (_, i) => ({ from: day + i * 1800, unitRate: dynamicExportPrice(day + i * 1800) }));
      expect(parseResult(await publishPrices(apiEvent({ method: 'PUT', pathParameters: { pricePlanId: 'outgoing-dynamic' }, body: { prices } }))).status).toBe(200);
    }
  });

  it('links an export meter to its import meter both ways, sharing its customer', async () => {
    expect(await account('home')).toMatchObject({ direction: 'import', fuel: 'electricity', exportMeterId: 'home-export', pricePlanId: 'flat' });
    expect(await account('home-export')).toMatchObject({ direction: 'export', fuel: 'electricity', importMeterId: 'home', pricePlanId: 'outgoing-fixed' });
    expect(await account('smart-meter-0')).not.toHaveProperty('exportMeterId');
  });

  it('refuses an export meter for another customer\'s import meter, a second export meter, a missing or export import meter (409), and plans of the other direction (400)', async () => {
    expect((await onboardMeter({ smartMeterId: 'theirs', pricePlanId: 'flat', customerId: 'someone-else' })).status).toBe(201);
    const stranger = await onboardMeter({ smartMeterId: 'my-panels', pricePlanId: 'outgoing-fixed', customerId: 'sunny', direction: 'export', fuel: 'electricity', importMeterId: 'theirs' });
    expect(stranger).toMatchObject({ status: 409, body: { message: expect.stringContaining('another customer') } });
    expect((await onboardMeter({ smartMeterId: 'second', pricePlanId: 'outgoing-fixed', direction: 'export', fuel: 'electricity', importMeterId: 'home' })).body).toMatchObject({ message: expect.stringContaining('already has an export meter: home-export') });
    expect((await onboardMeter({ smartMeterId: 'x1', pricePlanId: 'outgoing-fixed', direction: 'export', fuel: 'electricity', importMeterId: 'nobody' })).status).toBe(409);
    expect((await onboardMeter({ smartMeterId: 'x2', pricePlanId: 'outgoing-fixed', direction: 'export', fuel: 'electricity', importMeterId: 'home-export' })).status).toBe(409);
    expect((await onboardMeter({ smartMeterId: 'x3', pricePlanId: 'outgoing-fixed', direction: 'export' })).status).toBe(400);
    expect(await onboardMeter({ smartMeterId: 'x4', pricePlanId: 'flat', direction: 'export', fuel: 'electricity', importMeterId: 'theirs' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('an import plan') } });
    expect(await onboardMeter({ smartMeterId: 'x5', pricePlanId: 'outgoing-fixed' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('an export plan') } });
    for (const refused of ['my-panels', 'second', 'x1', 'x2', 'x3', 'x4', 'x5']) expect(parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId: refused } }))).status).toBe(404);
    expect(await account('theirs')).not.toHaveProperty('exportMeterId');
  });

  it('links one export meter of two onboarded at once for the same import meter: the other is a 409 and leaves nothing behind', async () => {
    expect((await onboardMeter({ smartMeterId: 'race-home', pricePlanId: 'flat', customerId: 'racer' })).status).toBe(201);
    const [a, b] = await Promise.all(['race-panels-a', 'race-panels-b'].map((id) => onboardMeter({ smartMeterId: id, pricePlanId: 'outgoing-fixed', direction: 'export', fuel: 'electricity', importMeterId: 'race-home' })));
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    const winner = a!.status === 201 ? 'race-panels-a' : 'race-panels-b';
    const loser = winner === 'race-panels-a' ? 'race-panels-b' : 'race-panels-a';
    expect(await account('race-home')).toMatchObject({ exportMeterId: winner });
    expect(await account(winner)).toMatchObject({ importMeterId: 'race-home', direction: 'export' });
    expect(parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId: loser } }))).status).toBe(404);
  });

  it('takes an interval meter as an export meter too: its half hours are credited like readings', async () => {
    expect((await onboardMeter({ smartMeterId: 'flat-roof', pricePlanId: 'flat', customerId: 'ivy', kind: 'interval' })).status).toBe(201);
    expect((await onboardMeter({ smartMeterId: 'flat-roof-export', pricePlanId: 'outgoing-fixed', direction: 'export', fuel: 'electricity', importMeterId: 'flat-roof', kind: 'interval' })).status).toBe(201);
    const halfHours = (kWh: number) => Array.from({ length: 4 }, (_, i) => ({ start: DAY + 11 * HOUR + i * 1800, kWh }));
    const send = async (smartMeterId: string, kWh: number) => parseResult(await storeIntervals(post('/readings/intervals', { smartMeterId, intervals: halfHours(kWh) })));
    expect((await send('flat-roof', 0.5)).status).toBe(200);
    expect((await send('flat-roof-export', 1.25)).status).toBe(200);
    // Import 2 kWh at 24.5p, and the standing charge of the two hours the data spans (compared like with like, as
    // compare-all does): 60p × 2/24 = 5p; with 5% VAT (49 + 5) × 1.05 = 56.70p. Export 5 kWh at 15p: 75p. Net −18.30p.
    const pairs = (await pairsOf('flat-roof')).body as Pairs;
    expect(pairs.pairs.find((p) => p.importPlanId === 'flat' && p.exportPlanId === 'outgoing-fixed')).toEqual({ importPlanId: 'flat', exportPlanId: 'outgoing-fixed', importCost: 56.7, exportCredit: 75, net: -18.3 });
  });

  it('lists the plans of one direction, and switches a meter only to plans of its own (400 naming it)', async () => {
    const exportPlans = parseResult(await listPricePlans(apiEvent({ query: { direction: 'export' } }))).body as { pricePlans: { pricePlanId: string }[] };
    expect(exportPlans.pricePlans.map((p) => p.pricePlanId)).toEqual(['flux-export', 'outgoing-dynamic', 'outgoing-fixed']);
    expect(parseResult(await listPricePlans(apiEvent({ query: { direction: 'sideways' } }))).status).toBe(400);
    expect(await switchTo('home-export', { pricePlanId: 'flat' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('an export meter is billed only on export plans') } });
    expect(await switchTo('home', { pricePlanId: 'outgoing-fixed' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('an import meter is billed only on import plans') } });
    expect((await account('home-export')).planHistory).toHaveLength(1);
  });

  it('answers an export meter\'s credits as negative costs, best-paying first, on compare-all, recommend and usage cost', async () => {
    const exported = await costs('home-export');
    // 8 days × 12 kWh = 96 kWh. Fixed 15p: 1,440p; flux-export: 6 kWh at 30p (11:00–13:00) and 6 kWh at 18p a day,
    // 8 × 288 = 2,304p; dynamic: the 6.025 kWh before noon at −5p pay nothing, the 5.975 after at 12p: 8 × 71.7 = 573.6p.
    // No VAT on export.
    expect(exported.pricePlanComparisons).toEqual([{ 'flux-export': -2304 }, { 'outgoing-fixed': -1440 }, { 'outgoing-dynamic': -573.6 }]);
    const best = parseResult(await recommend(apiEvent({ pathParameters: { smartMeterId: 'home-export' }, query: { limit: '1' } }))).body;
    expect(best).toEqual([{ 'flux-export': -2304 }]);
    const cost = parseResult(await usageCost(apiEvent({ pathParameters: { smartMeterId: 'home-export' }, query: { from: String(DAY), to: String(DAY + 86_400) } }))).body as { cost: number; kWh: number };
    expect(cost.kWh).toBeCloseTo(12, 9);
    expect(cost.cost).toBe(-180);
    // The import meter's comparison holds import plans only.
    expect((await costs('home')).pricePlanComparisons.map((c) => Object.keys(c)[0]).sort()).toEqual(['cheap-nights', 'flat', 'flux']);
  });

  it('ranks every allowed pair by net, as a brute-force reference over every pair of the two comparisons does, respecting requiresImport', async () => {
    const { status, body } = await pairsOf('home');
    expect(status).toBe(200);
    const answer = body as Pairs;
    const [imported, exported] = [await costs('home'), await costs('home-export')];
    const reference: Pairs['pairs'] = [];
    for (const i of imported.pricePlanComparisons) {
      for (const e of exported.pricePlanComparisons) {
        const [[importPlanId, importCost]] = Object.entries(i) as [[string, number]];
        const [[exportPlanId, exportCost]] = Object.entries(e) as [[string, number]];
        const plan = CATALOGUE.pricePlans.find((p) => p.pricePlanId === exportPlanId)!;
        if (plan.requiresImport && !plan.requiresImport.includes(importPlanId)) continue;
        reference.push({ importPlanId, exportPlanId, importCost, exportCredit: -exportCost, net: Math.round((importCost + exportCost) * 1e6) / 1e6 });
      }
    }
    reference.sort((a, b) => a.net - b.net || a.importPlanId.localeCompare(b.importPlanId) || a.exportPlanId.localeCompare(b.exportPlanId));
    expect(answer.pairs).toEqual(reference);
    expect(answer.pairs).toHaveLength(7); // 3 import × 2 unrestricted export plans, and flux-export with flux alone
    expect(answer.pairs.filter((p) => p.exportPlanId === 'flux-export').map((p) => p.importPlanId)).toEqual(['flux']);
    expect(answer).toMatchObject({ currency: 'GBP', current: { importPlanId: 'flat', exportPlanId: 'outgoing-fixed' }, incomplete: [] });
    expect(answer.coverage).toBe(Math.min(imported.coverage, exported.coverage));
  });

  it('puts a pair with an unpriced half hour on either side in incomplete, and answers 409 without an export meter or on one', async () => {
    // A day after the data, with export in it but no published dynamic prices: every pair with outgoing-dynamic is unpriced.
    const unpricedDay = DAY + DAYS * 86_400;
    await readingsStore(tables).save('home-export', [
      { time: unpricedDay + 11 * HOUR, reading: 1 },
      { time: unpricedDay + 12 * HOUR, reading: 1 },
    ]);
    const answer = (await pairsOf('home', { from: String(unpricedDay), to: String(unpricedDay + 86_400) })).body as Pairs;
    expect(answer.incomplete).toEqual(['cheap-nights', 'flat', 'flux'].map((importPlanId) => ({ importPlanId, exportPlanId: 'outgoing-dynamic' })));
    expect(answer.pairs.some((p) => p.exportPlanId === 'outgoing-dynamic')).toBe(false);
    expect(await pairsOf('smart-meter-0')).toMatchObject({ status: 409, body: { message: expect.stringContaining('has no export meter') } });
    expect(await pairsOf('home-export')).toMatchObject({ status: 409, body: { message: expect.stringContaining('is an export meter') } });
    expect((await pairsOf('nobody')).status).toBe(404);
  });

  it('switches a pair together, and refuses a switch that would leave an export plan beside an import plan it is not sold with', async () => {
    expect(await switchTo('home-export', { pricePlanId: 'flux-export', from: NOW + 60 })).toMatchObject({ status: 409, body: { message: expect.stringContaining('sold only with import plan flux') } });
    expect(await switchTo('smart-meter-0', { pricePlanId: 'flat', exportPricePlanId: 'outgoing-fixed' })).toMatchObject({ status: 409 });
    expect((await switchTo('home', { pricePlanId: 'flux', exportPricePlanId: 'flux-export', from: NOW + 60 })).status).toBe(200);
    expect((await account('home')).planHistory).toEqual([{ pricePlanId: 'flat', from: 0 }, { pricePlanId: 'flux', from: NOW + 60 }]);
    expect((await account('home-export')).planHistory).toEqual([{ pricePlanId: 'outgoing-fixed', from: 0 }, { pricePlanId: 'flux-export', from: NOW + 60 }]);
    expect(await switchTo('home', { pricePlanId: 'flat', from: NOW + 120 })).toMatchObject({ status: 409, body: { message: expect.stringContaining('switch both together') } });
    // A retried pair switch changes nothing.
    expect((await switchTo('home', { pricePlanId: 'flux', exportPricePlanId: 'flux-export', from: NOW + 60 })).status).toBe(200);
    expect((await account('home-export')).planHistory).toHaveLength(2);
  });

  it('gives the import meter\'s statement an export section: net is the import net less the credit, VAT on the import only', async () => {
    const from = String(DAY);
    const to = String(DAY + 86_400);
    const { status, body } = parseResult(await getStatement(apiEvent({ pathParameters: { smartMeterId: 'home' }, query: { from, to } })));
    expect(status).toBe(200);
    const s = body as { energyCost: number; standingCharge: number; net: number; vat: number; total: number; export: { kWh: number; exportCredit: number; lines: { kWh: number; rate: number; credit: number }[] } };
    // A day: 4 h at 2 kW and 20 h at 0.4 kW = 16 kWh (the two ramps' trapezoids cancel) at 24.5p = 392p, + 60p standing:
    // 452p; VAT 22.60p on it. Export 12 kWh at 15p = 180p. net 452 − 180 = 272p; total 272 + 22.60 = 294.60p: 295p.
    expect(s).toMatchObject({ energyCost: 392, standingCharge: 60, vat: 22.6, net: 272, total: 295 });
    expect(s.export).toMatchObject({ kWh: 12, exportCredit: 180 });
    // 09:30 holds the 0.025 kWh ramp, 10:00–13:30 the rest: nine half hours, each credited at 15p.
    expect(s.export.lines).toHaveLength(9);
    expect(s.export.lines.every((l) => l.rate === 15)).toBe(true);
    expect(s.export.lines.reduce((sum, l) => sum + l.credit, 0)).toBeCloseTo(180, 9);
    const own = parseResult(await getStatement(apiEvent({ pathParameters: { smartMeterId: 'home-export' }, query: { from, to } }))).body as { total: number; vat: number };
    expect(own).toMatchObject({ total: -180, vat: 0 });
  });

  it('advises a solar household on its pair: the cheapest pair, and which of its two plans change', async () => {
    const { status, body } = parseResult(await savings(apiEvent({ pathParameters: { smartMeterId: 'home' } })));
    expect(status).toBe(200);
    const report = body as { periods: { from: number; to: number }[]; pairAdvice: { importPlanId: string; exportPlanId: string; changes: string[]; saving: number } | null };
    const basis = report.periods.at(-1)!;
    const ranked = (await pairsOf('home', { from: String(basis.from), to: String(basis.to) })).body as Pairs;
    const current = ranked.pairs.find((p) => p.importPlanId === ranked.current.importPlanId && p.exportPlanId === ranked.current.exportPlanId)!;
    const best = ranked.pairs[0]!;
    expect(best).not.toEqual(current);
    expect(report.pairAdvice).toMatchObject({ importPlanId: best.importPlanId, exportPlanId: best.exportPlanId, saving: Math.round((current.net - best.net) * 1e6) / 1e6 });
    const changes = [...(best.importPlanId !== current.importPlanId ? ['import'] : []), ...(best.exportPlanId !== current.exportPlanId ? ['export'] : [])];
    expect(report.pairAdvice!.changes).toEqual(changes);
    expect(parseResult(await savings(apiEvent({ pathParameters: { smartMeterId: 'smart-meter-0' } }))).body).not.toHaveProperty('pairAdvice');
  });
});
