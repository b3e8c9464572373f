import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import { MAX_BATCH_HOURS, MAX_EPOCH_SECONDS, type Reading } from '../../shared/domain/readings.js';
import { postJson, startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { trapezoidKwh } from '../support/trapezoids.js';
import { documentClient } from '../../shared/runtime.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { fixClock } from '../support/clock.js';

const METER = 'smart-meter-0';
const WEEK_START = Date.parse('2024-01-08T00:00:00Z') / 1000;
const week: Reading[] = Array.from({ length: 7 * 24 * 60 + 1 }, (_, i) => ({ time: WEEK_START + i * 60, reading: 0.5 + (i % 7) / 10 }));
const NOW = fixClock();
const now = () => NOW;

/** Findings of the hostile-input review (#14), each at the HTTP level against the local server, economy-7 catalogue. */
describe('hostile and extreme input', () => {
  let server: RunningServer;
  let base: string;
  let tables: TableNames;
  const readBack = async (meter = METER): Promise<Reading[]> => (await fetch(`${base}/readings/read/${meter}`)).json() as Promise<Reading[]>;
  const store = (readings: unknown[], meter = METER) => postJson(`${base}/readings/store`, { smartMeterId: meter, electricityReadings: readings });

  beforeAll(async () => {
    tables = await freshTables({ catalogue: parseCatalogue([
      { pricePlanId: 'price-plan-0', supplier: 'Flat', unitRate: 0.25, standingChargePerDay: 0.4 },
      {
        pricePlanId: 'economy-7', supplier: 'The Green Eco', unitRate: 0.3, standingChargePerDay: 0.45, timeZone: 'Europe/London',
        timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 0.12 }], peakTimeMultipliers: [{ dayOfWeek: 'SATURDAY', multiplier: 0.8 }],
      },
      { pricePlanId: 'kolkata', supplier: 'Zones', unitRate: 0.2, timeZone: 'Asia/Kolkata', timeOfUse: [{ from: '22:00', to: '06:00', unitRate: 0.1 }] },
    ], 'test catalogue') });
    await readingsStore(tables).save(METER, week);
    server = await startLocalServer();
    base = server.base;
  });
  afterAll(() => server.close());

  it('1. costs 0..year 9999 under a time-of-use catalogue with work bounded by the data, not the range, and without delaying a small request', async () => {
    await fetch(`${base}/price-plans/compare-all/${METER}?from=${WEEK_START}&to=${WEEK_START + 3600}`); // warm: modules, client
    // Work bound, not a clock: the range of 8,000 years costs the DynamoDB calls of the week's data, no more.
    let calls = 0;
    documentClient().middlewareStack.add((next) => (args) => (calls++, next(args)), { step: 'initialize', name: 'countCallsForTest' });
    const callsOf = async (path: string) => {
      const before = calls;
      expect((await fetch(base + path)).status, path).toBe(200);
      return calls - before;
    };
    const weekCalls = await callsOf(`/price-plans/compare-all/${METER}?from=${WEEK_START}&to=${WEEK_START + 7 * 86_400}`);
    for (const path of [`/price-plans/compare-all/${METER}`, `/price-plans/recommend/${METER}`, `/usage/${METER}/cost`]) {
      expect(await callsOf(`${path}?from=0&to=${MAX_EPOCH_SECONDS}`), path).toBeLessThanOrEqual(weekCalls);
    }
    documentClient().middlewareStack.remove('countCallsForTest');
    // The CPU side is bounded by the test's own time limit: work that followed the range instead of the data (8,000
    // years of days and rate segments) would take minutes. A small request beside the huge one is answered too.
    const huge = fetch(`${base}/price-plans/compare-all/${METER}?from=0&to=${MAX_EPOCH_SECONDS}`);
    const small = fetch(`${base}/readings/read/${METER}?limit=1`);
    const [hugeResponse, smallResponse] = await Promise.all([huge, small]);
    expect(hugeResponse.status).toBe(200);
    expect(smallResponse.status).toBe(200);
    const body = (await hugeResponse.json()) as { pricePlanComparisons: Record<string, number>[] };
    const flat = body.pricePlanComparisons.find((e) => 'price-plan-0' in e)!['price-plan-0']!;
    // A comparison charges the standing charge for the days with energy (the week's 7), not ~8,000 empty years; a bill
    // for the same range (usage cost) charges every day of it.
    expect(flat).toBeCloseTo(trapezoidKwh(week) * 0.25 + 7 * 0.4, 6);
    const bill = (await (await fetch(`${base}/usage/${METER}/cost?from=0&to=${MAX_EPOCH_SECONDS}`)).json()) as { to: number; byPlan: { pricePlanId: string; cost: number; kWh: number }[] };
    expect(bill.byPlan[0]!.kWh).toBeCloseTo(trapezoidKwh(week), 9);
    // A bill ends now (#33.12): every day from 1970 to now is charged, none of the years to come.
    expect(bill.to).toBe(NOW);
    expect(bill.byPlan[0]!.cost).toBeCloseTo(trapezoidKwh(week) * 0.25 + (bill.to / 86_400) * 0.4, 3);
    const usage = await fetch(`${base}/usage/${METER}?from=0&to=${MAX_EPOCH_SECONDS}&groupBy=month`);
    expect(usage.status).toBe(400); // ~96,000 months: a clear limit, decided before any reading is read
    expect(((await usage.json()) as { message: string }).message).toContain('from/to span more than 10000 month periods');
  });

  it.each([1e308, 1e16, 1000.5, 1000.0000006, -0.001, -1e-200])(
    '2. refuses reading %s with a 400 naming it, before any of the batch is written',
    async (value) => {
      const batch = Array.from({ length: 41 }, (_, i) => ({ time: 1_600_000_000 + i * 3600, reading: i === 40 ? value : 1 }));
      const response = await store(batch, 'smart-meter-3');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain('electricityReadings[40].reading');
      expect(await readBack('smart-meter-3')).toEqual([]);
    },
  );

  it('2. stores a reading finer than 1 mW rounded half to even at 6 places, and echoes it as stored', async () => {
    const sent = [0.1 + 0.02, 1e-200, 5e-324, 0.0000005, 0.0000015, 0.1234567, 999.9999995].map((reading, i) => ({ time: 1_400_000_000 + i * 60, reading }));
    const asStored = [0.12, 0, 0, 0, 0.000002, 0.123457, 1000].map((reading, i) => ({ time: 1_400_000_000 + i * 60, reading }));
    expect((await postJson(`${base}/admin/meters`, { smartMeterId: 'rounding-1', pricePlanId: 'price-plan-0' })).status).toBe(201);
    const response = await store(sent, 'rounding-1');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { electricityReadings: Reading[] }).electricityReadings).toEqual(asStored);
    expect(await readBack('rounding-1')).toEqual(asStored);
  });

  it('2. stores 1,000 readings made with Math.random() (binary floating point, 16 digits), each read back to 6 decimals', async () => {
    const sent = Array.from({ length: 1000 }, (_, i) => ({ time: 1_300_000_000 + i * 60, reading: Math.random() * 5 }));
    expect(sent.some((r) => String(r.reading).split('.')[1]!.length > 6)).toBe(true);
    expect((await postJson(`${base}/admin/meters`, { smartMeterId: 'rounding-2', pricePlanId: 'price-plan-0' })).status).toBe(201);
    expect((await store(sent, 'rounding-2')).status).toBe(200);
    const read = await readBack('rounding-2');
    expect(read).toHaveLength(1000);
    // toFixed rounds the binary value half up; it differs from half-to-even only on exact ties, which 16-digit values are not.
    read.forEach((r, i) => expect(r.reading, `reading ${i}: ${sent[i]!.reading}`).toBe(Number(sent[i]!.reading.toFixed(6))));
  });

  it('2. stores and reads back exactly every reading at the edges of the accepted range', async () => {
    const edges = [0, 0.000001, 999.999999, 1000, 0.1, 123.456789].map((reading, i) => ({ time: 1_500_000_000 + i * 60, reading }));
    expect((await store(edges, 'smart-meter-4')).status).toBe(200);
    expect(await readBack('smart-meter-4')).toEqual(edges);
  });

  it('3. refuses readings more than 24 h ahead of the server clock, and accepts them just inside', async () => {
    for (const time of [MAX_EPOCH_SECONDS, now() + 25 * 3600]) {
      const response = await store([{ time: 1_700_000_000, reading: 1 }, { time, reading: 1 }], 'smart-meter-2');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain('electricityReadings[1].time is more than 24 h ahead');
    }
    expect(await readBack('smart-meter-2')).toEqual([]);
    expect((await store([{ time: now() + 23 * 3600, reading: 1 }], 'smart-meter-2')).status).toBe(200);
  });

  it('3. lets an operator delete a range of readings, and every answer reflects it', async () => {
    const bad = [{ time: WEEK_START + 3 * 86_400 + 30, reading: 999 }]; // a spike inside the week
    expect((await store(bad)).status).toBe(200);
    const before = (await (await fetch(`${base}/usage/${METER}/cost?from=${WEEK_START}&to=${WEEK_START + 7 * 86_400}`)).json()) as { kWh: number };
    const deleted = await fetch(`${base}/admin/meters/${METER}/readings?from=${bad[0]!.time}&to=${bad[0]!.time + 1}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ smartMeterId: METER, from: bad[0]!.time, to: bad[0]!.time + 1, deleted: 1, complete: true });
    expect(await readBack()).toEqual(week);
    const after = (await (await fetch(`${base}/usage/${METER}/cost?from=${WEEK_START}&to=${WEEK_START + 7 * 86_400}`)).json()) as { kWh: number };
    expect(after.kWh).toBeLessThan(before.kWh);
    // Whole hours and part-hours both go, and a second call finds nothing more.
    expect((await store([{ time: 1_000_000_000, reading: 1 }, { time: 1_000_003_000, reading: 2 }, { time: 1_000_007_000, reading: 3 }], 'smart-meter-1')).status).toBe(200);
    const range = await fetch(`${base}/admin/meters/smart-meter-1/readings?from=1000000000&to=1000004000`, { method: 'DELETE' });
    expect(((await range.json()) as { deleted: number }).deleted).toBe(2);
    expect(await readBack('smart-meter-1')).toEqual([{ time: 1_000_007_000, reading: 3 }]);
    const missing = await fetch(`${base}/admin/meters/smart-meter-1/readings?from=1000000000`, { method: 'DELETE' });
    expect(missing.status).toBe(400);
  });

  it(`4. refuses, before any write, a batch touching more than ${MAX_BATCH_HOURS} distinct hours, telling the client to split it`, async () => {
    const hours = (n: number) => Array.from({ length: n }, (_, i) => ({ time: 1_400_000_000 + i * 3600, reading: 1 }));
    const refused = await store(hours(MAX_BATCH_HOURS + 1), 'smart-meter-1');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/at most 1000 distinct hours.*split the batch/);
    expect((await readBack('smart-meter-1')).filter((r) => r.time >= 1_400_000_000 && r.time < 1_500_000_000)).toEqual([]);
    expect((await store(hours(MAX_BATCH_HOURS), 'smart-meter-1')).status).toBe(200);
  });

  it('6. answers a target that is no URL, and bad percent-encoding, with 400 and keeps serving', async () => {
    const port = Number(new URL(base).port);
    const statusLine = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET //[/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text.split('\r\n')[0]!));
      socket.on('error', reject);
    });
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    const badEncoding = await fetch(`${base}/readings/read/%E0%A4%A`);
    expect(badEncoding.status).toBe(400);
    expect(((await badEncoding.json()) as { message: string }).message).toContain('smartMeterId');
    expect((await fetch(`${base}/readings/read/${METER}?limit=1`)).status).toBe(200);
  });

  it.each(['Asia/Kolkata', 'Europe/Kyiv', 'Etc/UTC', 'GMT', 'America/Argentina/Buenos_Aires'])(
    '8. accepts the real time zone %s in queries',
    async (tz) => {
      const response = await fetch(`${base}/usage/${METER}?groupBy=day&tz=${encodeURIComponent(tz)}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { timeZone: string }).timeZone).toBe(tz);
    },
  );

  it('8. costs with a catalogue plan in Asia/Kolkata', async () => {
    const body = (await (await fetch(`${base}/price-plans/compare-all/${METER}`)).json()) as { pricePlanComparisons: Record<string, number>[] };
    expect(body.pricePlanComparisons.some((e) => 'kolkata' in e)).toBe(true);
  });

  it('9. refuses a relative period evaluated so early it would start before 1970', async () => {
    const response = await fetch(`${base}/usage/${METER}/cost?period=last-week&at=0`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('at is too early');
  });
});
