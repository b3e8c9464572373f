import Big from 'big.js';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain/accounts.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import type { Statement } from '../../functions/get-statement/docs.js';
import { batchesOf, parseReadingsCsv, sendBatches } from '../../cli/import-readings.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { fixClock } from '../support/clock.js';

const utc = (iso: string) => Date.parse(iso) / 1000;
const NOW = fixClock('2026-11-20T12:34:56Z'); // after every day this file bills
const START = utc('2025-02-03T00:00:00Z');
const END = START + 2 * 86_400;
const SWITCH = START + 86_400 + 10 * 3600 + 17 * 60; // 10:17 on day 2: inside a half hour
const CHANGE = START + 86_400 + 15 * 3600 + 600; // plan b's price change, 15:10 on day 2
const GAP = { from: START + 86_400 + 2 * 3600, to: START + 86_400 + 5 * 3600 }; // no readings 02:00–05:00 on day 2
const A: PricePlan = { pricePlanId: 'a', supplier: 'A', rates: [{ validFrom: 0, unitRate: 24.5, standingChargePerDay: 53.35 }] };
const B: PricePlan = { pricePlanId: 'b', supplier: 'B', rates: [{ validFrom: 0, unitRate: 19.99, standingChargePerDay: 40 }, { validFrom: CHANGE, unitRate: 21.37, standingChargePerDay: 41 }] };
const FLAT: PricePlan = { pricePlanId: 'flat', supplier: 'F', rates: [{ validFrom: 0, unitRate: 10 }] };
/** A dynamic plan whose prices nobody published: its energy has no price. */
const DYNAMIC: PricePlan = { pricePlanId: 'dyn', supplier: 'D', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 47 }] } as PricePlan;
const UNPRICED_DAY = utc('2025-02-10T00:00:00Z');
const OFF_GRID = utc('2025-02-10T05:11:31Z');

/** 0.5–1.7 kW varying minute by minute (so energies are not round), two days, with a gap. */
const readings = Array.from({ length: 2 * 1440 + 1 }, (_, i) => ({ time: START + i * 60, reading: Math.round((1.1 + 0.6 * Math.sin(i / 17)) * 1000) / 1000 })).filter(
  (r) => r.time <= GAP.from || r.time >= GAP.to,
);

describe('statements and data export, over HTTP in open demo mode', () => {
  let server: RunningServer;
  let base: string;
  const json = async <T>(path: string) => (await (await fetch(base + path)).json()) as T;

  beforeAll(async () => {
    const tables = await freshTables({ catalogue: { currency: 'GBP', vatRate: 0.05, pricePlans: [A, B, FLAT, DYNAMIC, { ...FLAT, pricePlanId: '-1-1' }] } });
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts);
    const account: Account = { smartMeterId: 'bill', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'b', planHistory: [{ pricePlanId: 'a', from: 0 }, { pricePlanId: 'b', from: SWITCH }] };
    await accounts.save(account);
    await accounts.save({ smartMeterId: 'dst', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'flat', planHistory: [{ pricePlanId: 'flat', from: 0 }] });
    await accounts.save({ smartMeterId: 'copy', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'flat', planHistory: [{ pricePlanId: 'flat', from: 0 }] });
    await readingsStore(tables).save('bill', readings);
    const dst = [];
    for (let t = utc('2026-03-28T23:00:00Z'); t <= utc('2026-10-26T01:00:00Z'); t += 600) if (t < utc('2026-03-30T01:00:00Z') || t > utc('2026-10-24T22:00:00Z')) dst.push({ time: t, reading: 1 });
    await readingsStore(tables).save('dst', dst);
    // 4 kWh on the dynamic plan: 1 kW from 10:00 to 14:00 on a day without prices.
    await accounts.save({ smartMeterId: 'dynamic', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'dyn', planHistory: [{ pricePlanId: 'dyn', from: 0 }] });
    await readingsStore(tables).save('dynamic', Array.from({ length: 241 }, (_, i) => ({ time: UNPRICED_DAY + 10 * 3600 + i * 60, reading: 1 })));
    // Readings that start off the half-hour grid (05:11:31), on a plan whose id starts with '-'.
    await accounts.save({ smartMeterId: '-1-1', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: '-1-1', planHistory: [{ pricePlanId: '-1-1', from: 0 }] });
    await readingsStore(tables).save('-1-1', Array.from({ length: 50 }, (_, i) => ({ time: OFF_GRID + i * 60, reading: 1 })));
    server = await startLocalServer();
    base = server.base;
  });
  afterAll(() => server.close());

  it('reconciles to the penny: lines + standing charges = net exactly; vat and total rounded as published', async () => {
    const s = await json<Statement>(`/statements/bill?from=${START}&to=${END}`);
    const energyCost = s.lines.reduce((sum, l) => sum.plus(l.cost), new Big(0));
    const standing = s.standingCharges.reduce((sum, p) => sum.plus(p.cost), new Big(0));
    expect(s.energyCost).toBe(energyCost.toNumber());
    expect(s.standingCharge).toBe(standing.toNumber());
    expect(s.net).toBe(energyCost.plus(standing).toNumber());
    expect(s.vat).toBe(new Big(s.net).times(0.05).round(2, 2).toNumber());
    expect(s.total).toBe(new Big(s.net).plus(s.vat).round(0, 2).toNumber());
    for (const l of s.lines) {
      expect(l.cost, `${l.from}`).toBe(new Big(l.kWh).times(l.unitRate).round(2, 2).toNumber());
      expect(Math.floor(l.from / 1800)).toBe(Math.floor((l.to - 1) / 1800)); // inside one half hour
    }
    // The standing charge covers every day: a until the switch, b until its change, then b's new rate.
    expect(s.standingCharges.map((p) => [p.pricePlanId, p.from, p.to, p.ratePerDay])).toEqual([
      ['a', START, SWITCH, 53.35],
      ['b', SWITCH, CHANGE, 40],
      ['b', CHANGE, END, 41],
    ]);
  });

  it('starts new lines at a plan switch and a price change inside a half hour, and lists the gap', async () => {
    const s = await json<Statement>(`/statements/bill?from=${START}&to=${END}`);
    const inHalfHour = (t: number) => s.lines.filter((l) => l.from >= t - (t % 1800) && l.to <= t - (t % 1800) + 1800);
    expect(inHalfHour(SWITCH).map((l) => [l.pricePlanId, l.from, l.to, l.unitRate])).toEqual([['a', SWITCH - 17 * 60 + 1800 - 1800, SWITCH, 24.5], ['b', SWITCH, SWITCH - 17 * 60 + 1800, 19.99]]);
    expect(inHalfHour(CHANGE).map((l) => [l.from, l.to, l.unitRate])).toEqual([[CHANGE - 600, CHANGE, 19.99], [CHANGE, CHANGE + 1200, 21.37]]);
    expect(s.complete).toBe(false);
    expect(s.missing).toEqual([GAP]);
    expect(s.lines.some((l) => l.from >= GAP.from && l.to <= GAP.to)).toBe(false);
  });

  it('agrees with /usage/{id}/cost over the same period to within the rounding, and answers CSV equal to its JSON', async () => {
    const s = await json<Statement>(`/statements/bill?from=${START}&to=${END}`);
    const cost = await json<{ cost: number }>(`/usage/bill/cost?from=${START}&to=${END}`);
    // Each line: kWh within 0.0005 × rate, cost within 0.005; each part within 0.005; VAT 0.005; total 0.5 (pence).
    const bound = s.lines.length * (0.0005 * 21.37 + 0.005) * 1.05 + s.standingCharges.length * 0.005 * 1.05 + 0.005 + 0.5;
    expect(Math.abs(s.total - cost.cost)).toBeLessThanOrEqual(bound);
    const csv = await fetch(`${base}/statements/bill?from=${START}&to=${END}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="statement-bill-/);
    const rows = (await csv.text()).trim().split('\r\n').map((r) => r.split(','));
    expect(rows[0]).toEqual(['kind', 'from', 'to', 'price_plan_id', 'kwh', 'unit_rate', 'days', 'rate_per_day', 'cost']);
    const lineRows = rows.filter((r) => r[0] === 'line');
    expect(lineRows.map((r) => [Date.parse(r[1]!) / 1000, r[3], Number(r[4]), Number(r[5]), Number(r[8])])).toEqual(s.lines.map((l) => [l.from, l.pricePlanId, l.kWh, l.unitRate, l.cost]));
    expect(Number(rows.find((r) => r[0] === 'total')![8])).toBe(s.total);
  });

  it('has 46 half hours on the spring-forward day and 50 on the fall-back day (London), and no lines without readings', async () => {
    const spring = await json<Statement>(`/statements/dst?from=${utc('2026-03-29T00:00:00Z')}&to=${utc('2026-03-29T23:00:00Z')}`);
    const autumn = await json<Statement>(`/statements/dst?from=${utc('2026-10-24T23:00:00Z')}&to=${utc('2026-10-26T00:00:00Z')}`);
    expect(spring.lines).toHaveLength(46);
    expect(autumn.lines).toHaveLength(50);
    expect(spring.complete && autumn.complete).toBe(true);
    const empty = await json<Statement>(`/statements/dst?from=${utc('2026-06-01T00:00:00Z')}&to=${utc('2026-06-02T00:00:00Z')}`);
    expect(empty).toMatchObject({ lines: [], total: 0, complete: false });
    for (const query of ['', `from=${START}`, `from=${START}&to=${START + 367 * 86_400}`, `from=${END}&to=${START}`, `from=${START}&to=${END}&format=pdf`]) {
      expect((await fetch(`${base}/statements/bill?${query}`)).status, query).toBe(400);
    }
  });

  it('shows energy with no published price: unpriced half hours, counted in kWh, complete false, in the CSV (#33.1)', async () => {
    const s = await json<Statement>(`/statements/dynamic?from=${UNPRICED_DAY}&to=${UNPRICED_DAY + 86_400}`);
    expect(s).toMatchObject({ lines: [], energyCost: 0, kWh: 4, unpricedKWh: 4, complete: false });
    expect(s.unpriced).toHaveLength(8); // 10:00–14:00, half hour by half hour
    expect(s.unpriced[0]).toEqual({ from: UNPRICED_DAY + 10 * 3600, to: UNPRICED_DAY + 10 * 3600 + 1800, pricePlanId: 'dyn', kWh: 0.5 });
    // The half hours with energy are not missing; the rest of the day is.
    expect(s.missing).toEqual([{ from: UNPRICED_DAY, to: UNPRICED_DAY + 10 * 3600 }, { from: UNPRICED_DAY + 14 * 3600, to: UNPRICED_DAY + 86_400 }]);
    const cost = await json<{ kWh: number; unpricedKWh: number }>(`/usage/dynamic/cost?from=${UNPRICED_DAY}&to=${UNPRICED_DAY + 86_400}`);
    expect(cost.kWh).toBeCloseTo(4, 9);
    expect(cost.unpricedKWh).toBeCloseTo(4, 9);
    const rows = (await (await fetch(`${base}/statements/dynamic?from=${UNPRICED_DAY}&to=${UNPRICED_DAY + 86_400}&format=csv`)).text()).trim().split('\r\n').map((r) => r.split(','));
    expect(rows.filter((r) => r[0] === 'unpriced').map((r) => Number(r[4])).reduce((a, b) => a + b, 0)).toBe(4);
    expect(rows.find((r) => r[0] === 'kWh')![4]).toBe('4.000');
  });

  it('gives lines on the UTC half-hour grid even where the readings start off it (#33.14)', async () => {
    const s = await json<Statement>(`/statements/-1-1?from=${UNPRICED_DAY}&to=${UNPRICED_DAY + 86_400}`);
    expect(s.lines.map((l) => [l.from, l.to])).toEqual([
      [utc('2025-02-10T05:00:00Z'), utc('2025-02-10T05:30:00Z')],
      [utc('2025-02-10T05:30:00Z'), utc('2025-02-10T06:00:00Z')],
      [utc('2025-02-10T06:00:00Z'), utc('2025-02-10T06:30:00Z')],
    ]);
    for (const l of s.lines) expect(l.from % 1800 === 0 && l.to % 1800 === 0).toBe(true);
  });

  it('writes every CSV cell a spreadsheet would run as a formula with a leading quote (#33.15)', async () => {
    const statement = await (await fetch(`${base}/statements/-1-1?from=${UNPRICED_DAY}&to=${UNPRICED_DAY + 86_400}&format=csv`)).text();
    expect(statement).not.toMatch(/(^|,)[-=+@][^\d]/m);
    const ids = statement.split('\r\n').filter((r) => r.startsWith('line') || r.startsWith('standing_charge')).map((r) => r.split(',')[3]);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids)).toEqual(new Set(["'-1-1"]));
  });

  it('bills only time that has happened: a period into the future ends now, one after now is refused (#33.12)', async () => {
    const before = NOW;
    const s = await json<Statement>(`/statements/bill?from=${NOW - 30 * 86_400}&to=${NOW + 300 * 86_400}`);
    expect(s.to).toBe(NOW);
    const future = await json<Statement>(`/statements/bill?from=${before - 86_400}&to=${before + 200 * 86_400}`);
    expect(future.to).toBe(NOW);
    expect(future.standingCharges.reduce((days, p) => days + p.days, 0)).toBe(1); // from a day before now, to now
    const cost = await json<{ to: number }>(`/usage/bill/cost?from=${before - 86_400}&to=${utc('9999-12-31T00:00:00Z')}`);
    expect(cost.to).toBe(NOW);
    for (const path of [`/statements/bill?from=${before + 86_400}&to=${before + 2 * 86_400}`, `/usage/bill/cost?from=${before + 86_400}&to=${before + 2 * 86_400}`]) {
      const refused = await fetch(base + path);
      expect(refused.status, path).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain('from must be before now');
    }
  });

  it('imports its own export back: the same half-hour kWh, to 0.001 (the import tool, against this server)', async () => {
    const exported = await (await fetch(`${base}/usage/bill/export?from=${START}&to=${END}&format=csv`)).text();
    const readingsIn = parseReadingsCsv(exported);
    const summary = await sendBatches({ api: base, smartMeterId: 'copy', batches: batchesOf(readingsIn, 10) });
    expect(summary).toMatchObject({ stored: readingsIn.length, refused: [] });
    expect(summary.batches).toBeGreaterThan(1);
    const copied = await (await fetch(`${base}/usage/copy/export?from=${START}&to=${END}&format=csv`)).text();
    expect(copied).toBe(exported);
  });

  it('exports the half hours as CSV and as a Green Button feed that sums back to the same Wh', async () => {
    const csv = await (await fetch(`${base}/usage/bill/export?from=${START}&to=${END}&format=csv`)).text();
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('interval_start,interval_end,kwh');
    const kWh = new Map(rows.slice(1).map((r) => r.split(',')).map(([from, , value]) => [Date.parse(from!) / 1000, value!]));
    expect(kWh.size).toBe(96 - 6); // two days of half hours, less the six of the gap
    const response = await fetch(`${base}/usage/bill/export?from=${START}&to=${END}&format=espi`);
    expect(response.headers.get('content-type')).toBe('application/atom+xml');
    const xml = await response.text();
    const feed = new XMLParser({ ignoreAttributes: false, preserveOrder: false, parseTagValue: true, isArray: (name) => ['entry', 'espi:IntervalReading'].includes(name) }).parse(xml) as {
      feed: { entry: { content: Record<string, Record<string, unknown>> }[] };
    };
    const contents = feed.feed.entry.map((e) => Object.keys(e.content)[0]);
    expect(contents.slice(0, 4)).toEqual(['espi:UsagePoint', 'espi:LocalTimeParameters', 'espi:MeterReading', 'espi:ReadingType']);
    const readingType = feed.feed.entry[3]!.content['espi:ReadingType']!;
    // The ESPI schema's order of ReadingType's elements (those we send), and its values.
    expect(Object.keys(readingType)).toEqual(['espi:accumulationBehaviour', 'espi:commodity', 'espi:dataQualifier', 'espi:flowDirection', 'espi:intervalLength', 'espi:kind', 'espi:phase', 'espi:powerOfTenMultiplier', 'espi:timeAttribute', 'espi:uom']);
    expect(readingType).toMatchObject({ 'espi:uom': 72, 'espi:powerOfTenMultiplier': 0, 'espi:intervalLength': 1800, 'espi:flowDirection': 1, 'espi:commodity': 1 });
    const blocks = feed.feed.entry.slice(4).map((e) => e.content['espi:IntervalBlock'] as { 'espi:interval': object; 'espi:IntervalReading': { 'espi:timePeriod': { 'espi:duration': number; 'espi:start': number }; 'espi:value': number }[] });
    expect(blocks).toHaveLength(2); // one per day
    const wh = new Map(blocks.flatMap((b) => b['espi:IntervalReading'].map((r) => [r['espi:timePeriod']['espi:start'], r['espi:value']] as const)));
    expect(wh.size).toBe(kWh.size);
    for (const [start, value] of kWh) expect(wh.get(start), String(start)).toBe(Math.round(Number(value) * 1000));
  });
});
