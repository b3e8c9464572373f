import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { newAccount } from '../../shared/domain/accounts.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbPricePlansStore } from '../../shared/storage/dynamodb/dynamodb-price-plans-store.js';
import { pricesSeries } from '../../shared/ports/price-plans-store.js';
import { publishHalfHours } from '../../shared/services/half-hour-publishing.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { fixClock } from '../support/clock.js';

const DAY = 86_400;
/** Yesterday (UTC), whole: every half hour of it has started. */
const NOW = fixClock();
const YESTERDAY = Math.floor(NOW / DAY) * DAY - DAY;
const TOMORROW = YESTERDAY + 2 * DAY;
/** 1 kW for all of yesterday, a reading a minute: 24 kWh, 0.5 kWh in each half hour. */
const DAY_OF_READINGS = Array.from({ length: 24 * 60 + 1 }, (_, i) => ({ time: YESTERDAY + i * 60, reading: 1 }));
const AGILE: PricePlan = { pricePlanId: 'agile', supplier: 'The Green Eco', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 40 }] };
const halfHours = (from: number, count: number, rate: (i: number) => number) => Array.from({ length: count }, (_, i) => ({ from: from + i * 1800, unitRate: rate(i) }));

describe('price plans as live, versioned data, over HTTP in open demo mode', () => {
  let server: RunningServer;
  let base: string;
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
  const put = (path: string, body: unknown, ifMatch?: string | null) =>
    fetch(base + path, { method: 'PUT', headers: { 'content-type': 'application/json', ...(ifMatch && { 'if-match': ifMatch }) }, body: JSON.stringify(body) });
  /** A plan document and the ETag GET answers with it. */
  const read = async (pricePlanId: string) => {
    const response = await fetch(`${base}/price-plans/${pricePlanId}`);
    return { plan: (await response.json()) as PricePlan, etag: response.headers.get('etag') };
  };
  const compare = async (meter = 'agile-meter') => json(await fetch(`${base}/price-plans/compare-all/${meter}`));

  let plansTable = '';
  beforeAll(async () => {
    const tables = await freshTables({ catalogue: { currency: 'GBP', vatRate: 0, pricePlans: [...DEFAULT_CATALOGUE.pricePlans, AGILE] } });
    plansTable = tables.pricePlans;
    await new DynamoDbAccountsStore(createDocumentClient(), tables.accounts).save(newAccount('agile-meter', 'agile'));
    await readingsStore(tables).save('agile-meter', DAY_OF_READINGS);
    server = await startLocalServer();
    base = server.base;
  });
  afterAll(() => server.close());

  it('lists the catalogue, and a plan document GET answers is accepted unchanged by PUT (round trip)', async () => {
    const catalogue = await json(await fetch(`${base}/price-plans`));
    expect(catalogue).toMatchObject({ currency: 'GBP', vatRate: 0 });
    expect((catalogue.pricePlans as PricePlan[]).map((p) => p.pricePlanId)).toEqual(['agile', 'export-fixed', 'export-peak', 'gas-saver', 'gas-standard', 'price-plan-0', 'price-plan-1', 'price-plan-2']);
    const { plan, etag } = await read('price-plan-0');
    expect(plan).toEqual({ pricePlanId: 'price-plan-0', supplier: "Dr Evil's Dark Energy", rates: [{ validFrom: 0, unitRate: 10 }] });
    expect(etag).toBe('"1"');
    const again = await put('/admin/price-plans/price-plan-0', plan, etag);
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe('"2"');
    expect(await json(again)).toEqual(plan);
    expect((await fetch(`${base}/price-plans/nope`)).status).toBe(404);
  });

  it("an operator's price change in two calls: read the plan, add a version from tomorrow; the past is refused (409)", async () => {
    const { plan, etag } = await read('price-plan-1');
    const changed = { ...plan, rates: [...plan.rates, { validFrom: TOMORROW, unitRate: 2.5, standingChargePerDay: 30 }] };
    const landed = await put('/admin/price-plans/price-plan-1', changed, etag);
    expect(landed.status).toBe(200);
    const now = landed.headers.get('etag');
    expect(await json(await fetch(`${base}/price-plans/price-plan-1`))).toEqual(changed); // in force at once in this process
    // Yesterday's usage is still priced at yesterday's rate: 24 kWh × 2p.
    const costs = (await compare()).pricePlanComparisons as Record<string, number>[];
    expect(costs.find((c) => 'price-plan-1' in c)!['price-plan-1']).toBeCloseTo(48, 9);

    const repriced = await put('/admin/price-plans/price-plan-1', { ...plan, rates: [{ validFrom: 0, unitRate: 3 }] }, now);
    expect(repriced.status).toBe(409);
    expect((await json(repriced)).message).toBe('the version from 1970-01-01T00:00:00.000Z has started: it cannot be changed');
    const backdated = await put('/admin/price-plans/price-plan-1', { ...changed, rates: [plan.rates[0], { validFrom: YESTERDAY, unitRate: 9 }, changed.rates[1]] }, now);
    expect(backdated.status).toBe(409);
    expect((await json(backdated)).message).toContain('a new version must start in the future');
  });

  it('never loses an update (#33.4): a change names the ETag it was made to; stale is 409, none is 428, * overwrites', async () => {
    const { plan, etag } = await read('price-plan-2');
    // Eight operators each add their own future version to the document they read: one lands, seven are told.
    const versions = Array.from({ length: 8 }, (_, i) => ({ validFrom: TOMORROW + (i + 1) * DAY, unitRate: 1 + i / 10 }));
    const answers = await Promise.all(versions.map((v) => put('/admin/price-plans/price-plan-2', { ...plan, rates: [...plan.rates, v] }, etag)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = versions[answers.findIndex((a) => a.status === 200)]!;
    const stored = await read('price-plan-2');
    expect(stored.plan.rates).toEqual([...plan.rates, winner]);
    for (const stale of answers.filter((a) => a.status === 409)) expect((await json(stale)).message).toMatch(/changed (since it was read|by another request meanwhile)/);
    const late = await put('/admin/price-plans/price-plan-2', { ...plan, rates: [...plan.rates, versions[0]!] }, etag);
    expect((await json(late)).message).toContain(`has changed since it was read (now ${stored.etag}, If-Match ${etag})`);
    // The loser reads again and adds its version to what is there: both versions are kept.
    const loser = versions.find((v) => v !== winner)!;
    expect((await put('/admin/price-plans/price-plan-2', { ...stored.plan, rates: [...stored.plan.rates, loser].sort((a, b) => a.validFrom - b.validFrom) }, stored.etag)).status).toBe(200);
    expect((await read('price-plan-2')).plan.rates).toHaveLength(plan.rates.length + 2);
    // No If-Match on an existing plan: 428, naming the ETag to send; a malformed one: 400; * overwrites deliberately.
    const blind = await put('/admin/price-plans/price-plan-2', stored.plan);
    expect(blind.status).toBe(428);
    expect((await json(blind)).message).toContain('send If-Match');
    expect((await put('/admin/price-plans/price-plan-2', stored.plan, 'soon')).status).toBe(400);
    const latest = await read('price-plan-2');
    expect((await put('/admin/price-plans/price-plan-2', latest.plan, '*')).status).toBe(200);
  });

  it('creates a plan (201) whose versions may lie in the past; refuses bad documents and reserved ids (400)', async () => {
    const created = await put('/admin/price-plans/retro', { pricePlanId: 'retro', supplier: 'R', rates: [{ validFrom: 0, unitRate: 7 }, { validFrom: YESTERDAY + 3600, unitRate: 1 }] });
    expect(created.status).toBe(201);
    const costs = (await compare()).pricePlanComparisons as Record<string, number>[];
    expect(costs.find((c) => 'retro' in c)!.retro).toBeCloseTo(7 + 23 * 1, 9); // 1 kWh at 7p, then 23 at 1p
    for (const [path, body, message] of [
      ['/admin/price-plans/other', { pricePlanId: 'retro', supplier: 'R', rates: [{ validFrom: 0, unitRate: 1 }] }, "must be the plan of the path"],
      ['/admin/price-plans/compare-all', { pricePlanId: 'compare-all', supplier: 'R', rates: [{ validFrom: 0, unitRate: 1 }] }, "route's own word"],
      ['/admin/price-plans/x', { pricePlanId: 'x', supplier: 'R', rates: [{ validFrom: 5, unitRate: 1 }, { validFrom: 5, unitRate: 2 }] }, 'ascending order'],
      ['/admin/price-plans/x', { pricePlanId: 'x', supplier: 'R', rates: [] }, 'rates must hold at least 1'],
      ['/admin/price-plans/x', { pricePlanId: 'x', supplier: 'R', rates: [{ validFrom: 0, unitRate: -1 }] }, 'unitRate must be >= 0'],
      // The largest document the schema allows (200 versions of 48 bands) would not fit one DynamoDB item: refused before.
      ['/admin/price-plans/x', { pricePlanId: 'x', supplier: 'R', rates: Array.from({ length: 200 }, (_, k) => ({ validFrom: k, unitRate: 1, timeOfUse: Array.from({ length: 48 }, (_, b) => ({ from: `${String(Math.floor(b / 2)).padStart(2, '0')}:${b % 2 ? '30' : '00'}`, to: '23:59', unitRate: 1.25 })) })) }, 'at most 65536'],
    ] as const) {
      const response = await put(path, body);
      expect(response.status, path).toBe(400);
      expect((await json(response)).message).toContain(message);
    }
  });

  it('never guesses a dynamic price: unpriced energy marks the plan incomplete until its prices are published', async () => {
    const before = await compare();
    expect(before).toMatchObject({ pricePlanId: 'agile', currency: 'GBP', incomplete: ['agile'] });
    expect((before.pricePlanComparisons as object[]).map((e) => Object.keys(e)[0])).not.toContain('agile');
    const cost = await json(await fetch(`${base}/usage/agile-meter/cost?from=${YESTERDAY}&to=${YESTERDAY + DAY}`));
    expect(cost).toMatchObject({ complete: false, currency: 'GBP' });
    expect(cost.unpricedKWh).toBeCloseTo(24, 9);

    // Yesterday at 10p a half hour except two at -4p: 46 × 0.5 × 10 − 2 × 0.5 × 4 = 226p, + 40p standing charge.
    const published = await put('/admin/price-plans/agile/prices', { prices: halfHours(YESTERDAY, 48, (i) => (i === 6 || i === 7 ? -4 : 10)) });
    expect(published.status).toBe(200);
    expect(await json(published)).toEqual({ pricePlanId: 'agile', published: 48 });
    const after = await compare();
    expect(after.incomplete).toEqual([]);
    const agile = (after.pricePlanComparisons as Record<string, number>[]).find((c) => 'agile' in c)!.agile!;
    expect(agile).toBeCloseTo(226 + 40, 6);
    expect(await json(await fetch(`${base}/usage/agile-meter/cost?from=${YESTERDAY}&to=${YESTERDAY + DAY}`))).toMatchObject({ complete: true, unpricedKWh: 0 });

    const prices = await json(await fetch(`${base}/price-plans/agile/prices?from=${YESTERDAY}&to=${YESTERDAY + 3 * 1800}`));
    expect(prices).toEqual({ pricePlanId: 'agile', currency: 'GBP', prices: [0, 1, 2].map((i) => ({ from: YESTERDAY + i * 1800, to: YESTERDAY + (i + 1) * 1800, unitRate: 10 })) });
  });

  it('keeps a started half hour: the same price again is a no-op, another is a 409; future ones may change', async () => {
    expect((await put('/admin/price-plans/agile/prices', { prices: [{ from: YESTERDAY, unitRate: 10 }] })).status).toBe(200);
    const changed = await put('/admin/price-plans/agile/prices', { prices: [{ from: YESTERDAY, unitRate: 11 }] });
    expect(changed.status).toBe(409);
    expect((await json(changed)).message).toContain('has started: its price 10 cannot change to 11');
    expect((await put('/admin/price-plans/agile/prices', { prices: [{ from: TOMORROW, unitRate: 5 }] })).status).toBe(200);
    expect((await put('/admin/price-plans/agile/prices', { prices: [{ from: TOMORROW, unitRate: 6 }] })).status).toBe(200);
    const read = await json(await fetch(`${base}/price-plans/agile/prices?from=${TOMORROW}&to=${TOMORROW + 1800}`));
    expect(read.prices).toEqual([{ from: TOMORROW, to: TOMORROW + 1800, unitRate: 6 }]);
  });

  it('answers concurrent publications of the same half hours with 200 or 409, never a 500, and keeps one of them whole', async () => {
    const start = TOMORROW + DAY;
    const statuses = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await put('/admin/price-plans/agile/prices', { prices: halfHours(start, 96, () => n) })).status));
    expect(statuses.every((s) => s === 200 || s === 409), String(statuses)).toBe(true);
    expect(statuses).toContain(200);
    const read = (await json(await fetch(`${base}/price-plans/agile/prices?from=${start}&to=${start + 2 * DAY}`))).prices as { unitRate: number }[];
    expect(read).toHaveLength(96);
    expect(new Set(read.map((p) => p.unitRate)).size).toBe(1); // a publication lands whole or not at all
  });

  it('refuses prices for fixed plans (409), unknown plans (404) and malformed publications (400)', async () => {
    expect((await put('/admin/price-plans/price-plan-0/prices', { prices: [{ from: TOMORROW, unitRate: 1 }] })).status).toBe(409);
    expect((await put('/admin/price-plans/nope/prices', { prices: [{ from: TOMORROW, unitRate: 1 }] })).status).toBe(404);
    for (const [body, message] of [
      [{ prices: [{ from: TOMORROW + 60, unitRate: 1 }] }, 'must start a half hour'],
      [{ prices: halfHours(TOMORROW, 1001, () => 1) }, 'prices must hold at most 1000'],
      [{ prices: [{ from: TOMORROW, unitRate: 1 }, { from: TOMORROW, unitRate: 2 }] }, 'must name each half hour once'],
      [{ prices: [] }, 'prices must hold at least 1'],
      [{ prices: [{ from: TOMORROW, unitRate: '1' }] }, 'unitRate must be a number'],
      // Few half hours on many days would need more than one transaction: refused, not a 500.
      [{ prices: Array.from({ length: 26 }, (_, i) => ({ from: TOMORROW + i * DAY, unitRate: 1 })) }, 'the half hours fall on 26 UTC days; a publication may cover at most 25'],
    ] as const) {
      const response = await put('/admin/price-plans/agile/prices', body);
      expect(response.status, message).toBe(400);
      expect((await json(response)).message).toContain(message);
    }
    const tooWide = await fetch(`${base}/price-plans/agile/prices?from=0&to=${40 * DAY}`);
    expect(tooWide.status).toBe(400);
    // A fixed plan's prices are its rates as they change: one stretch for a flat plan.
    const flat = await json(await fetch(`${base}/price-plans/price-plan-2/prices?from=${YESTERDAY}&to=${TOMORROW}`));
    expect(flat.prices).toEqual([{ from: YESTERDAY, to: TOMORROW, unitRate: 1 }]);
  });

  it('lets one of two writers of a plan document read at the same revision land, and answers the other 409, never both (#40 P4a)', async () => {
    const store = new DynamoDbPricePlansStore(createDocumentClient(), plansTable);
    const read = (await store.plan('price-plan-1'))!;
    const writes = await Promise.allSettled(
      ['Supplier A', 'Supplier B'].map((supplier) => store.savePlan({ ...read.value, supplier }, read.revision)),
    );
    const landed = writes.flatMap((w, i) => (w.status === 'fulfilled' ? [['Supplier A', 'Supplier B'][i]] : []));
    const refused = writes.flatMap((w) => (w.status === 'rejected' ? [w.reason as Error] : []));
    expect(landed).toHaveLength(1);
    expect(refused.map((e) => e.message)).toEqual(["price plan 'price-plan-1' was changed by another request meanwhile: read it again and retry"]);
    const stored = (await store.plan('price-plan-1'))!;
    expect(stored).toEqual({ value: { ...read.value, supplier: landed[0] }, revision: read.revision + 1 });
  });

  it('keeps both of two publications of different half hours of one day, both read before either writes (#40 P4b)', async () => {
    const store = new DynamoDbPricePlansStore(createDocumentClient(), plansTable);
    const day = TOMORROW + 3 * DAY;
    // Both publications read the day before either writes: the second write finds the revision moved, re-reads, merges.
    let waiting: (() => void)[] = [];
    let firstReads = 0;
    const racing = Object.assign(Object.create(store) as DynamoDbPricePlansStore, {
      halfHourDaysForUpdate: async (...args: Parameters<DynamoDbPricePlansStore['halfHourDaysForUpdate']>) => {
        const read = await store.halfHourDaysForUpdate(...args);
        if (++firstReads <= 2) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === 2) {
              waiting.forEach((release) => release());
              waiting = [];
            }
          });
        }
        return read;
      },
    });
    const now = NOW;
    const changed = await Promise.all([
      publishHalfHours(racing, pricesSeries('agile'), [{ from: day, value: 11 }], now, 'price'),
      publishHalfHours(racing, pricesSeries('agile'), [{ from: day + 1800, value: 22 }], now, 'price'),
    ]);
    expect(changed).toEqual([1, 1]);
    expect(firstReads).toBe(3); // the loser read again
    const prices = (await store.halfHourDaysForUpdate(pricesSeries('agile'), [day])).get(day)!;
    expect(prices.value.slice(0, 3)).toEqual([11, 22, null]);
    expect(prices.revision).toBe(2);
  });

  it("names a series as people do in a lost publication race, never its storage key (#33.18)", async () => {
    const store = new DynamoDbPricePlansStore(createDocumentClient(), plansTable);
    const stale = store.saveHalfHourDays(pricesSeries('agile'), [{ day: 1_893_456_000, prices: Array(48).fill(null), revision: 7 }]);
    await expect(stale).rejects.toThrow("the prices of plan 'agile' changed by another publication meanwhile: retry");
    await expect(stale).rejects.not.toThrow('prices#');
  });
});
