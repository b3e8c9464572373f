import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import { hashMeterKey } from '../../shared/services/meter-keys.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore, DynamoDbMeterKeyLookup } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { postJson, startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { fixClock } from '../support/clock.js';

/** A recent week: a reading a minute at 1 kW by day and 0.2 kW by night. */
const NOW = fixClock();
const WEEK_START = Math.floor(NOW / 86_400) * 86_400 - 8 * 86_400;
const week = Array.from({ length: 7 * 24 * 60 }, (_, i) => {
  const time = WEEK_START + i * 60;
  const hour = new Date(time * 1000).getUTCHours();
  return { time, reading: hour >= 8 && hour < 20 ? 1 : 0.2 };
});
/** The README's example batch (the seed document's, from 2020). */
const SEED_BATCH = [
  { time: 1606636800, reading: 0.0503 },
  { time: 1606636860, reading: 0.0621 },
  { time: 1606636920, reading: 0.0222 },
  { time: 1606636980, reading: 0.0423 },
  { time: 1606637040, reading: 0.0191 },
];
/** Where the standing charge decides: cheap energy with a dear standing charge against the reverse. */
const CATALOGUE = parseCatalogue(
  [
    { pricePlanId: 'price-plan-0', supplier: 'Low standing', unitRate: 0.3, standingChargePerDay: 0.1 },
    { pricePlanId: 'price-plan-1', supplier: 'Low unit rate', unitRate: 0.2, standingChargePerDay: 0.6 },
    { pricePlanId: 'price-plan-2', supplier: 'Middle', unitRate: 0.25, standingChargePerDay: 0.35 },
  ],
  'test catalogue',
);

const isoOnly = (message: string) => expect(message, message).not.toMatch(/\b\d{10}\b/); // times in words, never raw epochs

describe('defects found by the probe (issue 24), over HTTP in open demo mode', () => {
  let server: RunningServer;
  let base: string;
  let tables: TableNames;
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
  const put = (path: string, body: unknown) => fetch(base + path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    tables = await freshTables({ catalogue: CATALOGUE });
    await readingsStore(tables).save('smart-meter-1', week);
    await readingsStore(tables).save('smart-meter-3', week);
    server = await startLocalServer();
    base = server.base;
  });
  afterAll(() => server.close());

  it('1. a stray old batch does not reorder the plans: standing charges count only days with energy', async () => {
    const order = async (meter: string) => ((await (await fetch(`${base}/price-plans/recommend/${meter}`)).json()) as Record<string, number>[]).map((e) => Object.keys(e)[0]);
    const before = await order('smart-meter-1');
    const current = async () => ((await json(await fetch(`${base}/price-plans/compare-all/smart-meter-1`))).pricePlanComparisons as Record<string, number>[]).find((e) => 'price-plan-1' in e)!['price-plan-1']!;
    const costBefore = await current();
    expect((await postJson(`${base}/readings/store`, { smartMeterId: 'smart-meter-1', electricityReadings: SEED_BATCH })).status).toBe(200);
    expect(await order('smart-meter-1')).toEqual(before);
    // One more day with energy (the 2020 morning) adds at most one day of standing charge and its few Wh.
    expect((await current()) - costBefore).toBeLessThan(0.6 + 0.01);
    // The same week on another meter, without the stray batch: the same plan is cheapest.
    expect((await order('smart-meter-3'))[0]).toBe(before[0]);
  });

  it('2. refuses readings before 2000, and answers usage of a long history without a range', async () => {
    const early = await postJson(`${base}/readings/store`, { smartMeterId: 'smart-meter-2', electricityReadings: [{ time: 0, reading: 0.1 }] });
    expect(early.status).toBe(400);
    expect((await json(early)).message).toContain('electricityReadings[0].time must be 946684800 (2000-01-01T00:00:00Z) or later');
    // A history since 2024 (readings stored directly): by hour, more than 10,000 periods.
    await readingsStore(tables).save('smart-meter-2', [{ time: 1_704_067_200, reading: 1 }, { time: 1_704_067_260, reading: 1 }, ...week]);
    for (const groupBy of ['hour', 'day', 'week', 'month']) {
      const response = await fetch(`${base}/usage/smart-meter-2?groupBy=${groupBy}`);
      expect(response.status, groupBy).toBe(200);
      const { periods } = (await response.json()) as { periods: { to: number }[] };
      expect(periods.length, groupBy).toBeLessThanOrEqual(10_000);
      expect(periods.at(-1)!.to, groupBy).toBeGreaterThanOrEqual(week.at(-1)!.time);
    }
  });

  it('4. concurrent key rotations: each a 200 or a 409, never a 500, and exactly one issued key works', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${base}/admin/meters/smart-meter-4/key`, { method: 'POST' })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 409), statuses.join(' ')).toBe(true);
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<{ meterKey?: string; message?: string }>));
    const keys = bodies.flatMap((b) => (b.meterKey ? [b.meterKey] : []));
    expect(keys.length).toBeGreaterThan(0);
    const lookup = new DynamoDbMeterKeyLookup(createDocumentClient(), tables.meterKeys);
    const working = (await Promise.all(keys.map((key) => lookup.meterOfKey(hashMeterKey(key))))).filter((meter) => meter === 'smart-meter-4');
    expect(working).toHaveLength(1);
    for (const body of bodies.filter((b) => b.message)) expect(body.message).toContain('at the same time');
  });

  it('4. concurrent onboarding of one meter: one 201, the others 409', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => postJson(`${base}/admin/meters`, { smartMeterId: 'raced-meter', pricePlanId: 'price-plan-0' })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('5. a switch dated more than 31 days ahead is refused; within the horizon, the customer hears when, in words', async () => {
    const now = NOW;
    const far = await put('/accounts/smart-meter-0/price-plan', { pricePlanId: 'price-plan-2', from: now + 365 * 86_400 });
    expect(far.status).toBe(400);
    const farMessage = (await json(far)).message as string;
    expect(farMessage).toMatch(/at most 31 days ahead \(until \d{4}-\d\d-\d\dT/);
    isoOnly(farMessage);
    const scheduled = new Date((now + 10 * 86_400) * 1000).toISOString().replace('.000Z', 'Z');
    expect((await put('/accounts/smart-meter-0/price-plan', { pricePlanId: 'price-plan-2', from: now + 10 * 86_400 })).status).toBe(200);
    const blocked = await put('/accounts/smart-meter-0/price-plan', { pricePlanId: 'price-plan-1' });
    expect(blocked.status).toBe(409);
    const message = (await json(blocked)).message as string;
    expect(message).toBe(`a switch to 'price-plan-2' is scheduled for ${scheduled}: no other switch can start before it`);
  });

  it('5. two switches in the same second: the second is a 409 in words, about nothing the caller did not send', async () => {
    const [first, second] = await Promise.all([put('/accounts/smart-meter-2/price-plan', { pricePlanId: 'price-plan-1' }), put('/accounts/smart-meter-2/price-plan', { pricePlanId: 'price-plan-2' })]);
    expect([first.status, second.status]).toContain(200);
    for (const answer of [first, second].filter((a) => a.status !== 200)) {
      expect(answer.status).toBe(409);
      const message = (await json(answer)).message as string;
      expect(message).toMatch(/a moment ago|at the same time/);
      expect(message).not.toContain('from');
      isoOnly(message);
    }
  });

  it('6. a body not declared as JSON is refused (415) and nothing is written; no CORS for other origins', async () => {
    const crossSite = { smartMeterId: 'smart-meter-3', electricityReadings: [{ time: WEEK_START + 30, reading: 999 }] };
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const response = await fetch(`${base}/readings/store`, { method: 'POST', body: JSON.stringify(crossSite), headers: type ? { 'content-type': type } : {} });
      expect(response.status, String(type)).toBe(415);
      expect(((await json(response)).message as string).startsWith('a body must be sent as application/json')).toBe(true);
    }
    const onboard = await fetch(`${base}/admin/meters`, { method: 'POST', body: JSON.stringify({ smartMeterId: 'csrf-meter', pricePlanId: 'price-plan-0' }), headers: { 'content-type': 'text/plain' } });
    expect(onboard.status).toBe(415);
    expect(await new DynamoDbAccountsStore(createDocumentClient(), tables.accounts).find('csrf-meter')).toBeUndefined();
    const readings = (await (await fetch(`${base}/readings/read/smart-meter-3?from=${WEEK_START}&to=${WEEK_START + 60}`)).json()) as { reading: number }[];
    expect(readings.map((r) => r.reading)).toEqual([0.2]);
    const preflight = await fetch(`${base}/readings/store`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await postJson(`${base}/readings/store`, { smartMeterId: 'smart-meter-3', electricityReadings: [{ time: WEEK_START + 30, reading: 1 }] }, { headers: { origin: 'https://evil.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('8. operators page through accounts with limit and an opaque cursor; a bad cursor is a 400', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await fetch(`${base}/accounts?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { accounts: { smartMeterId: string }[]; nextCursor?: string };
      expect(page.accounts.length).toBeLessThanOrEqual(2);
      seen.push(...page.accounts.map((a) => a.smartMeterId));
      cursor = page.nextCursor;
    } while (cursor && ++pages < 50);
    const all = (await new DynamoDbAccountsStore(createDocumentClient(), tables.accounts).list()).map((a) => a.smartMeterId);
    expect(seen.sort()).toEqual(all.sort());
    for (const bad of ['nonsense', Buffer.from('{"other":"x"}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
      expect((await fetch(`${base}/accounts?cursor=${bad}`)).status, bad).toBe(400);
    }
    for (const limit of ['0', '101', 'ten']) expect((await fetch(`${base}/accounts?limit=${limit}`)).status, limit).toBe(400);
  });

  it('9. one time twice with different values is a 400 naming both; identical repeats store once', async () => {
    const conflicting = await postJson(`${base}/readings/store`, {
      smartMeterId: 'smart-meter-0',
      electricityReadings: [{ time: WEEK_START + 10, reading: 1 }, { time: WEEK_START + 20, reading: 1 }, { time: WEEK_START + 10, reading: 2 }],
    });
    expect(conflicting.status).toBe(400);
    expect((await json(conflicting)).message).toContain('at [0] and [2]');
    const repeated = await postJson(`${base}/readings/store`, { smartMeterId: 'smart-meter-0', electricityReadings: [{ time: WEEK_START + 10, reading: 1 }, { time: WEEK_START + 10, reading: 1 }] });
    expect(repeated.status).toBe(200);
    const stored = (await (await fetch(`${base}/readings/read/smart-meter-0?from=${WEEK_START}&to=${WEEK_START + 60}`)).json()) as unknown[];
    expect(stored).toEqual([{ time: WEEK_START + 10, reading: 1 }]);
  });

  it('11. documents answer HEAD like GET without a body, and the API document declares how each route is called', async () => {
    for (const path of ['/', '/openapi.json']) {
      const head = await fetch(base + path, { method: 'HEAD' });
      expect(head.status, path).toBe(200);
      expect(head.headers.get('content-type'), path).toBe((await fetch(base + path)).headers.get('content-type'));
      expect(await head.text(), path).toBe('');
    }
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security: Record<string, unknown>[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['accessToken', 'meterKey', 'personalApiKey']);
    expect(document.paths['/readings/store']!.post!.security).toEqual([{ meterKey: [] }, { accessToken: [] }]);
    expect(document.paths['/accounts/{smartMeterId}']!.get!.security).toEqual([{ accessToken: [] }]);
    expect(Object.keys(document.paths['/readings/store']!.post!.responses)).toContain('415');
  });
});
