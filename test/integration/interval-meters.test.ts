import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importFile } from '../../cli/import-readings.js';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as compareIntervalsHandler } from '../../functions/compare-intervals/handler.js';
import { handler as exportUsageHandler } from '../../functions/export-usage/handler.js';
import { handler as loadShiftHandler } from '../../functions/load-shift/handler.js';
import { handler as meterCheapestWindowHandler } from '../../functions/meter-cheapest-window/handler.js';
import { handler as recommendHandler } from '../../functions/recommend/handler.js';
import { handler as savingsHandler } from '../../functions/savings/handler.js';
import { handler as usageCostHandler } from '../../functions/usage-cost/handler.js';
import { handler as getAccountHandler } from '../../functions/get-account/handler.js';
import { handler as getStatementHandler } from '../../functions/get-statement/handler.js';
import { handler as onboardMeterHandler } from '../../functions/onboard-meter/handler.js';
import { handler as readIntervalsHandler } from '../../functions/read-intervals/handler.js';
import { handler as readReadingsHandler } from '../../functions/read-readings/handler.js';
import { routeNamed } from '../../functions/routes.js';
import { handler as storeIntervalsHandler } from '../../functions/store-intervals/handler.js';
import { handler as storeReadingsHandler } from '../../functions/store-readings/handler.js';
import { handler as usageHandler } from '../../functions/usage/handler.js';
import { toEntries } from '../../shared/domain/costing.js';
import type { Interval } from '../../shared/domain/energy-source.js';
import { pricePlans } from '../../shared/runtime.js';
import { compareIntervals } from '../../shared/services/plan-costs.js';
import { checked } from '../support/answers.js';
import { fixClock } from '../support/clock.js';
import { apiEvent, parseResult } from '../support/events.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables } from '../support/tables.js';

const NOW = fixClock();
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const compareOwn = checked(routeNamed('compareIntervals'), compareIntervalsHandler);
const getAccount = checked(routeNamed('getAccount'), getAccountHandler);
const getStatement = checked(routeNamed('getStatement'), getStatementHandler);
const onboard = checked(routeNamed('onboardMeter'), onboardMeterHandler);
const readIntervals = checked(routeNamed('readIntervals'), readIntervalsHandler);
const readReadings = checked(routeNamed('readReadings'), readReadingsHandler);
const storeIntervals = checked(routeNamed('storeIntervals'), storeIntervalsHandler);
const storeReadings = checked(routeNamed('storeReadings'), storeReadingsHandler);
const usage = checked(routeNamed('usage'), usageHandler);

const METER = 'interval-meter';
/** Ten days before the fixed now, at midnight UTC. */
const DAY = NOW - (NOW % 86_400) - 10 * 86_400;
const halfHours = (day: number, kWh: (slot: number) => number): Interval[] => Array.from({ length: 48 }, (_, i) => ({ start: day + i * 1800, kWh: kWh(i) }));
const send = async (intervals: unknown, smartMeterId = METER) =>
  parseResult(await storeIntervals(apiEvent({ method: 'POST', path: '/readings/intervals', body: { smartMeterId, intervals } })));
const costsOf = async () => {
  const { status, body } = parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId: METER } })));
  expect(status).toBe(200);
  return body as { pricePlanComparisons: Record<string, number>[]; coverage: number };
};

describe('interval meters: half hours stored, replaced, read, and costed like readings (DynamoDB Local)', () => {
  beforeAll(async () => {
    await freshTables();
    const created = parseResult(await onboard(apiEvent({ method: 'POST', path: '/admin/meters', body: { smartMeterId: METER, pricePlanId: 'price-plan-1', kind: 'interval' } })));
    expect(created.status).toBe(201);
  });

  it('onboards an interval meter, and its account says so; the demo meters are power meters', async () => {
    expect(parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId: METER } }))).body).toMatchObject({ smartMeterId: METER, kind: 'interval' });
    expect(parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId: 'smart-meter-0' } }))).body).toMatchObject({ kind: 'power' });
  });

  it('stores a day of half hours, counts a resend as nothing and a changed value as a replacement, and reads them back in pages', async () => {
    const day = halfHours(DAY, () => 0.5);
    expect(await send(day)).toEqual({ status: 200, body: { smartMeterId: METER, stored: 48, replaced: 0 } });
    expect(await send(day)).toEqual({ status: 200, body: { smartMeterId: METER, stored: 0, replaced: 0 } });
    const corrected = day.map((i, slot) => (slot === 3 ? { ...i, kWh: 0.75 } : i));
    expect(await send([...corrected, { start: DAY + 86_400, kWh: 0.123_456_7 }])).toEqual({ status: 200, body: { smartMeterId: METER, stored: 1, replaced: 1 } });
    const seen: Interval[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { status, body } = parseResult(await readIntervals(apiEvent({ pathParameters: { smartMeterId: METER }, query: { limit: '20', ...(cursor && { cursor }) } })));
      expect(status).toBe(200);
      const page = body as { intervals: Interval[]; nextCursor: string | null };
      seen.push(...page.intervals);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...corrected, { start: DAY + 86_400, kWh: 0.123457 }]); // stored at 6 decimals
    const forged = parseResult(await readIntervals(apiEvent({ pathParameters: { smartMeterId: METER }, query: { cursor: `${DAY}.forged` } })));
    expect(forged.status).toBe(400);
  });

  it('keeps every half hour when eight writers send different half hours of one day at once (a lost race re-reads and merges)', async () => {
    const day = DAY + 5 * 86_400;
    const all = halfHours(day, (slot) => slot / 100);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, w) => send(all.filter((_, slot) => slot % 8 === w))));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.reduce((n, a) => n + (a.body as { stored: number }).stored, 0)).toBe(48);
    const read = parseResult(await readIntervals(apiEvent({ pathParameters: { smartMeterId: METER }, query: { from: String(day), to: String(day + 86_400) } }))).body as { intervals: Interval[] };
    expect(read.intervals).toEqual(all);
  });

  it("refuses the other kind's data and routes with a 409 naming the kind and where to go", async () => {
    const readings = parseResult(await storeReadings(apiEvent({ method: 'POST', path: '/readings/store', body: { smartMeterId: METER, electricityReadings: [{ time: DAY, reading: 1 }] } })));
    expect(readings).toEqual({ status: 409, body: { message: `meter ${METER} is an interval meter: it takes half-hour energy (kWh) at POST /readings/intervals` } });
    const read = parseResult(await readReadings(apiEvent({ pathParameters: { smartMeterId: METER } })));
    expect(read).toEqual({ status: 409, body: { message: `meter ${METER} is an interval meter: read its half-hour energy (kWh) at GET /readings/intervals/${METER}` } });
    const intervals = await send([{ start: DAY, kWh: 1 }], 'smart-meter-0');
    expect(intervals).toEqual({ status: 409, body: { message: 'meter smart-meter-0 is a power meter: it takes power readings (kW) at POST /readings/store' } });
  });

  it.each([
    [[{ start: DAY + 60, kWh: 1 }], 'must start a half hour'],
    [[{ start: DAY, kWh: -0.1 }], 'kWh'],
    [[{ start: DAY, kWh: 100.5 }], 'kWh'],
    [[{ start: DAY, kWh: '1' }], 'kWh'],
    [[{ start: DAY, kWh: 1 }, { start: DAY, kWh: 2 }], 'twice with different kWh, at [0] and [1]'],
    [Array.from({ length: 1501 }, (_, i) => ({ start: DAY + i * 1800, kWh: 0 })), 'at most 1500'],
    [[], 'intervals'],
  ])('refuses %#: a 400 naming what is wrong, and stores nothing', async (intervals, says) => {
    const answer = await send(intervals);
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toContain(says);
  });

  it('costs the stored half hours exactly as bring-your-own intervals are costed, and a replacement changes compare-all, usage and the statement at once', async () => {
    const day2 = DAY + 2 * 86_400;
    await send(halfHours(day2, (slot) => (slot < 14 ? 1 : 0.25)));
    const stored = (parseResult(await readIntervals(apiEvent({ pathParameters: { smartMeterId: METER } }))).body as { intervals: Interval[] }).intervals;
    const before = await costsOf();
    const expected = await compareIntervals(pricePlans(), stored, NOW);
    expect(before.pricePlanComparisons).toEqual(toEntries(expected.costs));
    // A whole day of usage is the sum of its half hours (0.5 × 47 + 0.75 on DAY).
    const daily = parseResult(await usage(apiEvent({ pathParameters: { smartMeterId: METER }, query: { from: String(DAY), to: String(DAY + 86_400), groupBy: 'day', tz: 'UTC' } })));
    expect((daily.body as { periods: { kWh: number }[] }).periods[0]!.kWh).toBeCloseTo(0.5 * 47 + 0.75, 9);
    // A period that cuts a half hour takes its share: 15 minutes of a 0.75 kWh half hour is 0.375 kWh.
    const cut = parseResult(await usage(apiEvent({ pathParameters: { smartMeterId: METER }, query: { from: String(DAY + 3 * 1800), to: String(DAY + 3 * 1800 + 900), groupBy: 'hour', tz: 'UTC' } })));
    expect((cut.body as { periods: { kWh: number }[] }).periods[0]!.kWh).toBeCloseTo(0.375, 9);
    const statementTotal = async () =>
      (parseResult(await getStatement(apiEvent({ pathParameters: { smartMeterId: METER }, query: { from: String(DAY), to: String(DAY + 3 * 86_400) } }))).body as { kWh: number }).kWh;
    const kWhBefore = await statementTotal();
    expect(await send([{ start: day2, kWh: 3 }])).toMatchObject({ status: 200, body: { stored: 0, replaced: 1 } });
    const after = await costsOf();
    const plan1 = (answer: typeof before) => answer.pricePlanComparisons.find((e) => 'price-plan-1' in e)!['price-plan-1']!;
    expect(plan1(after) - plan1(before)).toBeCloseTo(2 * 2, 6); // 2 kWh more at price-plan-1's 2 per kWh
    expect((await statementTotal()) - kWhBefore).toBeCloseTo(2, 9);
  });
});

describe('bring your own data: POST /price-plans/compare (DynamoDB Local for the catalogue only)', () => {
  const OWN = 'own-data-meter';
  const compare = async (body: unknown) => parseResult(await compareOwn(apiEvent({ method: 'POST', path: '/price-plans/compare', body, authorizer: {} })));
  /** 30 days of a household's half hours: more at night than by day. */
  const month = Array.from({ length: 30 * 48 }, (_, i) => ({ start: DAY - 40 * 86_400 + i * 1800, kWh: i % 48 < 14 ? 0.9 : 0.2 + (i % 7) / 100 }));

  beforeAll(async () => {
    await freshTables();
    await onboard(apiEvent({ method: 'POST', path: '/admin/meters', body: { smartMeterId: OWN, pricePlanId: 'price-plan-0', kind: 'interval' } }));
  });

  it('answers exactly what compare-all answers for the same half hours stored on an interval meter, for anyone', async () => {
    for (let i = 0; i < month.length; i += 1500) expect((await send(month.slice(i, i + 1500), OWN)).status).toBe(200);
    const stored = parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId: OWN } }))).body as Record<string, unknown>;
    const own = await compare({ intervals: month });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ currency: stored.currency, pricePlanComparisons: stored.pricePlanComparisons, incomplete: stored.incomplete, coverage: stored.coverage });
  });

  it('names the cheapest plan and the saving against the current one, per year only from 28 days of data', async () => {
    const { body } = await compare({ intervals: month, currentPricePlanId: 'price-plan-0' });
    const costs = Object.fromEntries((body as { pricePlanComparisons: Record<string, number>[] }).pricePlanComparisons.flatMap((e) => Object.entries(e)));
    const saving = (body as { savings: { saving: number } }).savings.saving;
    expect((body as { savings: unknown }).savings).toEqual({ pricePlanId: 'price-plan-2', saving, savingPerYear: expect.any(Number) });
    expect(saving).toBeCloseTo(costs['price-plan-0']! - costs['price-plan-2']!, 6);
    expect((body as { savings: { savingPerYear: number } }).savings.savingPerYear).toBeCloseTo((saving * 365) / 30, 6);
    const week = await compare({ intervals: month.slice(0, 7 * 48), currentPricePlanId: 'price-plan-0' });
    expect((week.body as { savings: Record<string, unknown> }).savings).not.toHaveProperty('savingPerYear');
  });

  it.each([
    [{ intervals: Array.from({ length: 17_569 }, (_, i) => ({ start: DAY + i * 1800, kWh: 0 })) }, 'at most 17568'],
    [{ intervals: [{ start: DAY + 900, kWh: 1 }] }, 'must start a half hour'],
    [{ intervals: [{ start: DAY - 366 * 86_400, kWh: 1 }, { start: DAY, kWh: 1 }] }, 'must span at most 366 days'],
    [{ intervals: [{ start: DAY, kWh: -1 }] }, 'kWh'],
    [{ intervals: [{ start: DAY, kWh: 'NaN' }] }, 'kWh'],
    [{ intervals: [{ start: DAY, kWh: 1 }, { start: DAY + 1800, kWh: 1 }, { start: DAY, kWh: 2 }] }, 'at [0] and [2]'],
    [{ intervals: [{ start: DAY, kWh: 1 }], currentPricePlanId: 'no-such-plan' }, "'no-such-plan' is not in the plan catalogue"],
  ])('refuses %#: a 400 naming what is wrong', async (body, says) => {
    const answer = await compare(body);
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toContain(says);
  });
});

describe('npm run import -- --format: a supplier download into an interval meter, through the API', () => {
  const IMPORTED = 'imported-interval-meter';
  let server: RunningServer;
  const folder = mkdtempSync(join(tmpdir(), 'joi-import-'));
  /** Two days of an Octopus dashboard download: header names padded, offsets on every time. */
  const octopusCsv = ['Consumption (kWh), Start, End']
    .concat(Array.from({ length: 96 }, (_, i) => {
      const start = Date.UTC(2026, 0, 1) / 1000 + i * 1800;
      const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
      return `${(0.1 + (i % 48) / 1000).toFixed(3)}, ${iso(start)}, ${iso(start + 1800)}`;
    }))
    .join('\n');
  const run = async (smartMeterId: string, file: string) => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await importFile({ api: server.base, smartMeterId, file, format: 'octopus-csv' });
      return { code, output: lines.join('\n') };
    } finally {
      vi.restoreAllMocks();
    }
  };

  beforeAll(async () => {
    await freshTables();
    await onboard(apiEvent({ method: 'POST', path: '/admin/meters', body: { smartMeterId: IMPORTED, pricePlanId: 'price-plan-1', kind: 'interval' } }));
    server = await startLocalServer();
    writeFileSync(join(folder, 'octopus.csv'), octopusCsv);
    writeFileSync(join(folder, 'mixed.csv'), `${octopusCsv}\n2026-01-03T00:00:00Z,0.5`);
  });
  afterAll(() => server?.close());

  it('sends every half hour once, and a second import changes nothing', async () => {
    expect(await run(IMPORTED, join(folder, 'octopus.csv'))).toMatchObject({ code: 0, output: expect.stringContaining('sent 96 half hours in 1 batches') });
    const read = parseResult(await readIntervals(apiEvent({ pathParameters: { smartMeterId: IMPORTED } }))).body as { intervals: Interval[] };
    expect(read.intervals).toHaveLength(96);
    expect(read.intervals[47]).toEqual({ start: Date.UTC(2026, 0, 1) / 1000 + 47 * 1800, kWh: 0.147 });
    expect((await run(IMPORTED, join(folder, 'octopus.csv'))).code).toBe(0);
  });

  it("refuses a power meter, naming its kind, and a mixed file, naming the line, before sending anything", async () => {
    const power = await run('smart-meter-2', join(folder, 'octopus.csv'));
    expect(power.code).toBe(1);
    expect(power.output).toContain('409 meter smart-meter-2 is a power meter');
    const mixed = await run(IMPORTED, join(folder, 'mixed.csv'));
    expect(mixed.code).toBe(2);
    expect(mixed.output).toMatch(/line 98/);
  });
});

describe('every answer about a meter works on an interval meter, in the same shapes (each checked against its schema)', () => {
  const METER5 = 'answers-interval-meter';
  /** 30 whole days of half hours before the fixed now: 0.5 kWh each, 1 kWh from 17:00 to 19:00. */
  const first = NOW - (NOW % 86_400) - 30 * 86_400;
  const month = Array.from({ length: 30 * 48 }, (_, i) => ({ start: first + i * 1800, kWh: i % 48 >= 34 && i % 48 < 38 ? 1 : 0.5 }));
  const call = async (handler: typeof compareAll, path: string, query?: Record<string, string>) => parseResult(await handler(apiEvent({ path, pathParameters: { smartMeterId: METER5 }, query })));

  beforeAll(async () => {
    await freshTables();
    await onboard(apiEvent({ method: 'POST', path: '/admin/meters', body: { smartMeterId: METER5, pricePlanId: 'price-plan-1', kind: 'interval' } }));
    await send(month.slice(0, 1440), METER5);
  });

  it('answers recommend, savings, usage cost, statements (JSON and CSV), exports (CSV and Green Button), load shift and the cheapest window from the half hours', async () => {
    const kWh = month.reduce((sum, i) => sum + i.kWh, 0);
    const recommended = await call(checked(routeNamed('recommend'), recommendHandler), `/price-plans/recommend/${METER5}`, { limit: '1' });
    expect(recommended).toEqual({ status: 200, body: [{ 'price-plan-2': expect.closeTo(kWh * 1, 6) }] });
    const savings = await call(checked(routeNamed('savings'), savingsHandler), `/price-plans/savings/${METER5}`);
    expect(savings.status).toBe(200);
    expect((savings.body as { advice: { pricePlanId: string; saving: number } }).advice).toMatchObject({ pricePlanId: 'price-plan-2', saving: expect.closeTo(kWh * (2 - 1), 6) });
    const span = { from: String(first), to: String(first + 30 * 86_400) };
    const cost = await call(checked(routeNamed('usageCost'), usageCostHandler), `/usage/${METER5}/cost`, span);
    expect(cost).toMatchObject({ status: 200, body: { kWh: expect.closeTo(kWh, 9) } });
    const statement = await call(checked(routeNamed('getStatement'), getStatementHandler), `/statements/${METER5}`, span);
    expect(statement).toMatchObject({ status: 200, body: { kWh: expect.closeTo(kWh, 6), complete: true } });
    const statementCsv = await getStatementHandler(apiEvent({ path: `/statements/${METER5}`, pathParameters: { smartMeterId: METER5 }, query: { ...span, format: 'csv' } }));
    expect(statementCsv.statusCode).toBe(200);
    expect(statementCsv.body).toMatch(/^kind,from,to,price_plan_id,kwh,/);
    expect(statementCsv.body).toContain('price-plan-1');
    const csv = await exportUsageHandler(apiEvent({ path: `/usage/${METER5}/export`, pathParameters: { smartMeterId: METER5 }, query: { ...span, format: 'csv' } }));
    const rows = (csv.body as string).trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(1440); // one row per half hour, each the interval's kWh
    expect(rows[34]).toBe(`${new Date((first + 34 * 1800) * 1000).toISOString().replace('.000Z', 'Z')},${new Date((first + 35 * 1800) * 1000).toISOString().replace('.000Z', 'Z')},1.000`);
    const espi = await exportUsageHandler(apiEvent({ path: `/usage/${METER5}/export`, pathParameters: { smartMeterId: METER5 }, query: { ...span, format: 'espi' } }));
    expect(espi.statusCode).toBe(200);
    expect((espi.body as string).match(/<espi:value>1000<\/espi:value>/g)).toHaveLength(30 * 4);
    const shift = await call(checked(routeNamed('loadShift'), loadShiftHandler), `/advice/${METER5}/load-shift`, { share: '0.5', ...span });
    expect(shift.status).toBe(200);
    const window = await call(checked(routeNamed('meterCheapestWindow'), meterCheapestWindowHandler), `/advice/${METER5}/cheapest-window`);
    expect(window.status).toBe(200);
  });
});
