import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { DEMO_ACCOUNTS, newAccount } from '../../shared/domain/accounts.js';
import { accountsStore, intervalsStore } from '../../shared/runtime.js';
import { accountNumberOf } from '../../shared/services/personal-keys.js';
import { fixClock } from '../support/clock.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';

/*
 * The Octopus-compatible read API (#38), over the local server with AUTH=on. The third-party client is the Python
 * async client `octopus-energy` (github.com/markallanson/octopus-energy, OctopusEnergyRestClient driven by its
 * OctopusEnergyConsumerClient): PyPI is not reachable here and it has no npm twin, so its exact request sequence is
 * replayed below (pythonClient), URL for URL: paths without a trailing slash (furl appends segments), Basic auth with
 * the key and an empty password, times as Python's isoformat() of aware datetimes, `order` (not `order_by`), and a
 * page walk that passes the `next` link's query back as the next call's parameters.
 */

fixClock('2026-06-10T12:34:56Z');
const SARAH = DEMO_ACCOUNTS[0]!; // smart-meter-0, Sarah's power meter
const PETER = DEMO_ACCOUNTS[1]!;
/** Sarah's second meter: 25,001 half hours of 0.5 kWh from 2025-01-01, so across both of 2025's clock changes. */
const LONG_METER = 'sarah-half-hourly';
const LONG_FROM = Date.UTC(2025, 0, 1) / 1000;
const LONG_COUNT = 25_001;
/** A June week of Sarah's power meter (kW every 5 minutes), London summer time. */
const WEEK_FROM = Date.parse('2026-06-01T00:00:00+01:00') / 1000;
const WEEK_TO = WEEK_FROM + 7 * 86_400;

type Page<T> = { count: number; next: string | null; previous: string | null; results: T[] };
type Consumption = { consumption: number; interval_start: string; interval_end: string };

/** Python's datetime.isoformat() of an aware datetime in London (what the client sends for period_from/to). */
function pythonIso(instant: number): string {
  const offset = new Date(instant * 1000).toLocaleString('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' }).endsWith('GMT+1') ? 3600 : 0;
  return `${new Date((instant + offset) * 1000).toISOString().slice(0, 19)}${offset ? '+01:00' : '+00:00'}`;
}

/** furl's query encoding: `+` as %2B, `:` kept. */
const furlQuery = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${String(value).replace(/\+/g, '%2B')}`)
    .join('&');

/** The client's calls, as it makes them against a base URL it is given. */
function pythonClient(base: string, apiKey: string) {
  const requests: string[] = [];
  const get = async (path: string[], params: Record<string, string | number | undefined> = {}) => {
    const query = furlQuery(params);
    const url = `${base}/${path.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
    requests.push(url.slice(base.length));
    const response = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` } });
    if (response.status > 399) throw new Error(`API Call Failed: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  return {
    requests,
    /** get_meters(account_number): the first property's meter points, as meters_from_response maps them. */
    async meters(accountNumber: string) {
      const account = (await get(['v1', 'accounts', accountNumber])) as { properties: { electricity_meter_points: { mpan: string; is_export: boolean; meters: { serial_number: string }[] }[] }[] };
      return account.properties[0]!.electricity_meter_points.flatMap((point) => point.meters.map((meter) => ({ mpan: point.mpan, serial: meter.serial_number, export: point.is_export })));
    },
    /** get_consumption(meter, from, to), then get_consumption(meter, page_reference=…) while there is a next page. */
    async consumption(meter: { mpan: string; serial: string }, from: number, to: number) {
      const path = ['v1', 'electricity-meter-points', meter.mpan, 'meters', meter.serial, 'consumption'];
      const results: Consumption[] = [];
      let params: Record<string, string | number | undefined> = { period_from: pythonIso(from), period_to: pythonIso(to), order: 'period' };
      for (;;) {
        const page = (await get(path, { page: params.page, page_size: params.page_size, period_from: params.period_from, period_to: params.period_to, order: params.order, group_by: params.group_by })) as Page<Consumption>;
        results.push(...page.results);
        if (!page.next) return results;
        // _get_page_reference: the link's args, times parsed (isoparse) and sent again as isoformat().
        const args = Object.fromEntries(new URL(page.next).searchParams);
        params = { ...args, period_from: pythonIso(Date.parse(args.period_from!) / 1000), period_to: pythonIso(Date.parse(args.period_to!) / 1000) };
      }
    },
    /** get_tariff_cost(product, tariff, ELECTRICITY, STANDARD_UNIT_RATE, timestamp): period_from..period_from + 1 s. */
    async tariffCost(product: string, tariff: string, at: number) {
      const page = (await get(['v1', 'products', product, 'electricity-tariffs', tariff, 'standard-unit-rates'], { period_from: pythonIso(at), period_to: pythonIso(at + 1) })) as Page<{ value_inc_vat: number; value_exc_vat: number; valid_from: string; valid_to: string | null }>;
      return page.results[0];
    },
  };
}

describe('the Octopus-compatible read API and personal API keys', () => {
  let server: RunningServer;
  let sarah: string;
  let apiKey: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
  const consumption = (meter: string, query: string, key = apiKey) => fetch(`${server.base}/v1/electricity-meter-points/${meter}/meters/${meter}/consumption/?${query}`, { headers: basic(key) });

  beforeAll(async () => {
    const tables = await freshTables({
      catalogue: {
        ...DEFAULT_CATALOGUE,
        vatRate: 0.05,
        pricePlans: [...DEFAULT_CATALOGUE.pricePlans, { pricePlanId: 'go', supplier: 'Go', rates: [{ validFrom: 0, unitRate: 30, standingChargePerDay: 40, timeOfUse: [{ from: '00:30', to: '05:30', unitRate: 8 }] }] }],
      },
    });
    const readings = [];
    for (let time = WEEK_FROM - 3600; time <= WEEK_TO + 3600; time += 300) readings.push({ time, reading: 1 + ((time / 300) % 7) / 10 });
    await readingsStore(tables).seed(SARAH.smartMeterId, readings);
    await accountsStore().save(newAccount(LONG_METER, 'go', { kind: 'interval', customerId: SARAH.customerId }));
    await intervalsStore().save(LONG_METER, Array.from({ length: LONG_COUNT }, (_, i) => ({ start: LONG_FROM + i * 1800, kWh: 0.5 })));
    server = await startLocalServer({ auth: true });
    sarah = await server.auth!.issueAccessToken(SARAH.customerId!);
    const made = await fetch(`${server.base}/me/api-keys`, { method: 'POST', headers: bearer(sarah) });
    expect(made.status).toBe(201);
    apiKey = ((await made.json()) as { apiKey: string }).apiKey;
  });
  afterAll(() => server?.close());

  it('serves an unmodified client (octopus-energy, replayed): meters from the account, a week of consumption paged, a rate at an instant; its kWh equal /usage', async () => {
    const me = (await (await fetch(`${server.base}/me`, { headers: bearer(sarah) })).json()) as { accountNumber: string; meters: { smartMeterId: string }[] };
    expect(me.accountNumber).toBe(accountNumberOf(SARAH.customerId!));
    expect(me.meters.map((m) => m.smartMeterId)).toEqual(expect.arrayContaining([SARAH.smartMeterId, 'smart-meter-7', LONG_METER]));
    const client = pythonClient(server.base, apiKey);
    const meters = await client.meters(me.accountNumber);
    expect(meters).toEqual(expect.arrayContaining([{ mpan: SARAH.smartMeterId, serial: SARAH.smartMeterId, export: false }]));
    const week = await client.consumption(meters.find((m) => m.mpan === SARAH.smartMeterId)!, WEEK_FROM, WEEK_TO);
    expect(week).toHaveLength(7 * 48); // every half hour of the week, oldest first, over 4 pages of 100
    expect(client.requests.filter((r) => r.includes('/consumption'))).toHaveLength(4);
    expect(week[0]!.interval_start).toBe('2026-06-01T00:00:00+01:00');
    const usage = (await (await fetch(`${server.base}/usage/${SARAH.smartMeterId}?from=${WEEK_FROM}&to=${WEEK_TO}&groupBy=day&tz=Europe/London`, { headers: bearer(sarah) })).json()) as { periods: { kWh: number }[] };
    const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(total(week.map((r) => r.consumption))).toBeCloseTo(total(usage.periods.map((p) => p.kWh)), 6);
    for (let day = 0; day < 7; day++) expect(total(week.slice(day * 48, day * 48 + 48).map((r) => r.consumption))).toBeCloseTo(usage.periods[day]!.kWh, 6);
    // The time-of-use plan at 01:00 London (in its cheap window) and at noon: each slice whole, VAT added.
    const night = await client.tariffCost('GO', 'E-2R-GO-A', Date.parse('2026-06-05T01:00:00+01:00') / 1000);
    expect(night).toEqual({ value_exc_vat: 8, value_inc_vat: 8.4, valid_from: '2026-06-05T00:30:00+01:00', valid_to: '2026-06-05T05:30:00+01:00', payment_method: null });
    const noon = await client.tariffCost('GO', 'E-2R-GO-A', Date.parse('2026-06-05T12:00:00+01:00') / 1000);
    expect(noon).toMatchObject({ value_exc_vat: 30, valid_from: '2026-06-05T05:30:00+01:00', valid_to: '2026-06-06T00:00:00+01:00' });
    expect(client.requests[0]).toBe(`/v1/accounts/${me.accountNumber}`); // no trailing slash: as the client sends it
  });

  it('walks `next` over 25,001 half hours with page sizes 100 and 25,000, every parameter kept as sent', async () => {
    for (const size of [25_000, 100]) {
      let url: string | null = `${server.base}/v1/electricity-meter-points/${LONG_METER}/meters/${LONG_METER}/consumption/?order=period&page_size=${size}&period_from=2025-01-01T00:00:00Z`;
      const starts: string[] = [];
      let pages = 0;
      while (url) {
        const page = (await (await fetch(url, { headers: basic(apiKey) })).json()) as Page<Consumption>;

        expect(page.count).toBe(LONG_COUNT);
        if (page.next) expect(page.next).toMatch(new RegExp(`^${server.base}/v1/electricity-meter-points/${LONG_METER}/meters/${LONG_METER}/consumption/\\?order=period&page_size=${size}&period_from=2025-01-01T00%3A00%3A00Z&page=\\d+$`));
        starts.push(...page.results.map((r) => r.interval_start));
        url = page.next;
        pages++;
      }
      expect(pages).toBe(Math.ceil(LONG_COUNT / size));
      expect(new Set(starts).size).toBe(LONG_COUNT);
      expect(starts[0]).toBe('2025-01-01T00:00:00Z');
    }
  });

  it('reads period_to as exclusive, a time without an offset as London (summer and winter), and orders by period both ways', async () => {
    const summer = (await (await consumption(LONG_METER, 'period_from=2025-07-01T00:00:00&period_to=2025-07-01T02:00:00&order_by=period')).json()) as Page<Consumption>;
    expect(summer.results.map((r) => r.interval_start)).toEqual(['2025-07-01T00:00:00+01:00', '2025-07-01T00:30:00+01:00', '2025-07-01T01:00:00+01:00', '2025-07-01T01:30:00+01:00']);
    expect(summer.results[0]!.interval_end).toBe('2025-07-01T00:30:00+01:00');
    const winter = (await (await consumption(LONG_METER, 'period_from=2025-12-01T00:00:00&period_to=2025-12-01T01:00:00')).json()) as Page<Consumption>;
    expect(winter.results.map((r) => r.interval_start)).toEqual(['2025-12-01T00:30:00Z', '2025-12-01T00:00:00Z']); // newest first by default
    // A `+` sent bare (read as a space) is the offset it was, and goes back out as %2B in the links.
    const bare = await fetch(`${server.base}/v1/electricity-meter-points/${LONG_METER}/meters/${LONG_METER}/consumption?period_from=2025-07-01T00:00:00+01:00&period_to=2025-07-02T00:00:00+01:00&page_size=10`, { headers: basic(apiKey) });
    const bareAnswer = (await bare.json()) as Page<Consumption>;
    expect(bareAnswer.count).toBe(48);
    expect(bareAnswer.next).toContain('period_from=2025-07-01T00%3A00%3A00%2B01%3A00');
    const oldest = (await (await consumption(LONG_METER, 'period_from=2025-07-01T00:00:00Z&period_to=2025-07-01T01:00:00Z&order_by=period')).json()) as Page<Consumption>;
    expect(oldest.results.map((r) => r.interval_start)).toEqual(['2025-07-01T01:00:00+01:00', '2025-07-01T01:30:00+01:00']);
  });

  it('groups by London day across both clock changes: 46 and 50 half hours', async () => {
    const days = (await (await consumption(LONG_METER, 'period_from=2025-03-29T00:00:00&period_to=2025-04-01T00:00:00&group_by=day&order_by=period')).json()) as Page<Consumption>;
    expect(days.results).toEqual([
      { consumption: 24, interval_start: '2025-03-29T00:00:00Z', interval_end: '2025-03-30T00:00:00Z' },
      { consumption: 23, interval_start: '2025-03-30T00:00:00Z', interval_end: '2025-03-31T00:00:00+01:00' },
      { consumption: 24, interval_start: '2025-03-31T00:00:00+01:00', interval_end: '2025-04-01T00:00:00+01:00' },
    ]);
    const autumn = (await (await consumption(LONG_METER, 'period_from=2025-10-26T00:00:00&period_to=2025-10-27T00:00:00&group_by=day')).json()) as Page<Consumption>;
    expect(autumn.results).toEqual([{ consumption: 25, interval_start: '2025-10-26T00:00:00+01:00', interval_end: '2025-10-27T00:00:00Z' }]);
  });

  it("answers a gas meter's volumes as sent, on the gas path only", async () => {
    const gas = 'smart-meter-7'; // Sarah's gas meter (metric): volumes stored as sent
    const start = Date.parse('2026-06-02T00:00:00Z') / 1000;
    await intervalsStore().save(gas, [{ start, kWh: 0.25 }, { start: start + 1800, kWh: 0.5 }]);
    const answer = await fetch(`${server.base}/v1/gas-meter-points/${gas}/meters/${gas}/consumption?order_by=period`, { headers: basic(apiKey) });
    expect(((await answer.json()) as Page<Consumption>).results).toEqual([
      { consumption: 0.25, interval_start: '2026-06-02T01:00:00+01:00', interval_end: '2026-06-02T01:30:00+01:00' },
      { consumption: 0.5, interval_start: '2026-06-02T01:30:00+01:00', interval_end: '2026-06-02T02:00:00+01:00' },
    ]);
    expect((await consumption(gas, 'page_size=1')).status).toBe(404); // not an electricity meter point
  });

  it('makes, lists (never a secret), uses and revokes personal keys; a key reaches only /v1/ and its owner’s meters', async () => {
    const made = (await (await fetch(`${server.base}/me/api-keys`, { method: 'POST', headers: bearer(sarah) })).json()) as { keyId: string; apiKey: string };
    const list = await (await fetch(`${server.base}/me/api-keys`, { headers: bearer(sarah) })).text();
    expect(list).toContain(made.keyId);
    expect(list).not.toContain(made.apiKey);
    expect(list).not.toContain('jp_');
    expect((await consumption(SARAH.smartMeterId, 'page_size=1', made.apiKey)).status).toBe(200);
    // Another customer's meter: the same 404 as a meter that does not exist.
    const other = await consumption(PETER.smartMeterId, 'page_size=1', made.apiKey);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ detail: 'Not found.' });
    expect((await consumption('no-such-meter', 'page_size=1', made.apiKey)).status).toBe(404);
    // Another customer's account number: 404 too.
    expect((await fetch(`${server.base}/v1/accounts/${accountNumberOf(PETER.customerId!)}/`, { headers: basic(made.apiKey) })).status).toBe(404);
    // A product route, with the key: 401, whether it reads or writes.
    for (const [method, path] of [['GET', `/usage/${SARAH.smartMeterId}`], ['GET', '/me/api-keys'], ['POST', '/readings/store']] as const) {
      const refused = await fetch(`${server.base}${path}`, { method, headers: { ...basic(made.apiKey), 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(refused.status, path).toBe(401);
    }
    const revoked = await fetch(`${server.base}/me/api-keys/${made.keyId}`, { method: 'DELETE', headers: bearer(sarah) });
    expect(revoked.status).toBe(200);
    const refused = await consumption(SARAH.smartMeterId, 'page_size=1', made.apiKey);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await refused.json()).toEqual({ detail: expect.stringContaining('revoked') });
    expect(await (await fetch(`${server.base}/me/api-keys`, { headers: bearer(sarah) })).text()).not.toContain(made.keyId);
    // Peter's key list is his own: Sarah's key id is not his to revoke.
    const peter = await server.auth!.issueAccessToken(PETER.customerId!);
    const keys = (await (await fetch(`${server.base}/me/api-keys`, { headers: bearer(sarah) })).json()) as { keys: { keyId: string }[] };
    expect((await fetch(`${server.base}/me/api-keys/${keys.keys[0]!.keyId}`, { method: 'DELETE', headers: bearer(peter) })).status).toBe(404);
  });

  it('holds at most five keys per customer (409 past that), and revocations racing each other leave no stray key', async () => {
    const peter = await server.auth!.issueAccessToken(PETER.customerId!);
    const created = await Promise.all(Array.from({ length: 7 }, () => fetch(`${server.base}/me/api-keys`, { method: 'POST', headers: bearer(peter) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { keyId?: string; apiKey?: string } }))));
    const statuses = created.map((c) => c.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const listed = (await (await fetch(`${server.base}/me/api-keys`, { headers: bearer(peter) })).json()) as { keys: unknown[] };
    expect(listed.keys).toHaveLength(5);
    // All five revoked at once: a revocation that lost the race to another is a 409, never a 500 nor a half-done one;
    // retried, it completes (or the key is already gone: 404). Then no key is listed and none is accepted.
    const keys = created.filter((c) => c.status === 201).map((c) => c.body as { keyId: string; apiKey: string });
    const revoke = (keyId: string) => fetch(`${server.base}/me/api-keys/${keyId}`, { method: 'DELETE', headers: bearer(peter) }).then((r) => r.status);
    const firstTries = await Promise.all(keys.map((key) => revoke(key.keyId)));
    expect(firstTries.every((s) => s === 200 || s === 409), String(firstTries)).toBe(true);
    expect(firstTries).toContain(200);
    for (const [i, key] of keys.entries()) {
      for (let status = firstTries[i]!; status === 409; ) status = await revoke(key.keyId);
    }
    expect(((await (await fetch(`${server.base}/me/api-keys`, { headers: bearer(peter) })).json()) as { keys: unknown[] }).keys).toEqual([]);
    for (const key of keys) expect((await consumption(PETER.smartMeterId, 'page_size=1', key.apiKey)).status).toBe(401);
  });

  it('answers tariffs publicly, and bad input as Octopus does: {"detail"} with 400 and 404', async () => {
    const products = (await (await fetch(`${server.base}/v1/products/`)).json()) as Page<{ code: string }>;
    expect(products.results.map((p) => p.code)).toEqual(expect.arrayContaining(['PRICE-PLAN-0', 'GO']));
    const standing = (await (await fetch(`${server.base}/v1/products/GO/electricity-tariffs/E-2R-GO-A/standing-charges`)).json()) as Page<{ value_exc_vat: number; value_inc_vat: number }>;
    expect(standing.results).toEqual([{ value_exc_vat: 40, value_inc_vat: 42, valid_from: '1970-01-01T01:00:00+01:00', valid_to: null, payment_method: null }]);
    const day = (await (await fetch(`${server.base}/v1/products/GO/electricity-tariffs/E-2R-GO-A/day-unit-rates/`)).json()) as Page<{ value_exc_vat: number }>;
    const night = (await (await fetch(`${server.base}/v1/products/GO/electricity-tariffs/E-2R-GO-A/night-unit-rates/`)).json()) as Page<{ value_exc_vat: number }>;
    expect([day.results[0]!.value_exc_vat, night.results[0]!.value_exc_vat]).toEqual([30, 8]);
    expect((await fetch(`${server.base}/v1/products/PRICE-PLAN-0/electricity-tariffs/E-1R-PRICE-PLAN-0-A/night-unit-rates/`)).status).toBe(404);
    expect((await fetch(`${server.base}/v1/products/GO/electricity-tariffs/E-1R-GO-A/standard-unit-rates/`)).status).toBe(404);
    const bad = await consumption(LONG_METER, 'period_from=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ detail: expect.stringContaining('period_from') });
    expect((await consumption(LONG_METER, 'page=9999')).status).toBe(404);
    expect((await consumption(LONG_METER, 'page_size=25001')).status).toBe(400);
    // Absurd and malformed: each a 400 or 404 in Octopus's shape, never a 5xx, and no work past three years.
    for (const [query, status] of [
      ['page=0', 400],
      ['period_from=0001-01-01T00:00:00Z&period_to=9999-12-31T00:00:00Z', 400],
      ['period_from=0001-01-01T00:00:00Z', 400],
      ['period_from=2025-02-01T00:00:00Z&period_to=2025-01-01T00:00:00Z', 400],
      ['period_from=2025-02-30T00:00:00', 400],
      ['group_by=fortnight', 400],
      ['order_by=%E0%A4%A', 400],
    ] as const) {
      const answer = await consumption(LONG_METER, query);
      expect(answer.status, query).toBe(status);
      expect(await answer.json(), query).toEqual({ detail: expect.any(String) });
    }
    expect((await fetch(`${server.base}/v1/electricity-meter-points/${LONG_METER}/meters/another-serial/consumption/`, { headers: basic(apiKey) })).status).toBe(404);
  });
});

describe('plan ids the /v1/ read API can name both ways', () => {
  let server: RunningServer;
  beforeAll(async () => {
    await freshTables();
    server = await startLocalServer();
  });
  afterAll(() => server?.close());

  it('refuses a plan id with upper case on PUT /admin/price-plans (400); a lower-case one is made', async () => {
    const plan = (id: string) => ({ pricePlanId: id, supplier: 'S', rates: [{ validFrom: 0, unitRate: 20 }] });
    const put = (id: string) => fetch(`${server.base}/admin/price-plans/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '*' }, body: JSON.stringify(plan(id)) });
    const refused = await put('Green-Fix');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('lower case');
    expect((await put('green-fix')).status).toBe(201);
    expect((await fetch(`${server.base}/v1/products/GREEN-FIX/electricity-tariffs/E-1R-GREEN-FIX-A/standard-unit-rates/`)).status).toBe(200);
  });
});
