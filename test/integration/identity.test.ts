import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalAuth } from '../../local/local-auth.js';
import { DEMO_ACCOUNTS, newAccount } from '../../shared/domain/accounts.js';
import { ROUTES, type ApiRoute } from '../../functions/routes.js';
import { configure } from '../../shared/config.js';
import { accountsStore, documentClient } from '../../shared/runtime.js';
import { GRANTS } from '../../infra/joi-energy-stack.js';
import type { StoreGrants } from '../../shared/http/route-entry.js';
import { hashMeterKey, rotateMeterKey } from '../../shared/services/meter-keys.js';
import { accountNumberOf } from '../../shared/services/personal-keys.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { fixClock } from '../support/clock.js';

const M0 = 'smart-meter-0';
const M1 = 'smart-meter-1';
/** An interval meter nobody owns, for the operator's calls of the interval routes. */
const INTERVAL_METER = 'interval-meter-0';
/** The demo's solar household: an import meter and its export meter, both Sunny's. */
const SOLAR_METER = 'smart-meter-6';
const SOLAR_EXPORT_METER = 'smart-meter-6-export';
/** A dual-fuel household nobody owns: an electricity meter and its gas meter. */
const DUAL_FUEL_METER = 'dual-fuel-home';
const customerOf = (meter: string) => DEMO_ACCOUNTS.find((a) => a.smartMeterId === meter)!.customerId!;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

type CallerName =
  | 'no credential' | 'garbage' | 'expired' | 'tampered' | 'another issuer' | 'another key' | 'alg none'
  | 'meter key of this meter' | 'meter key of another meter' | 'customer of this meter' | 'customer of another meter' | 'operator'
  | 'machine: prices.publish' | 'machine: meters.manage' | 'machine: readings.import';

/** The status each kind of caller must get, by who the route is for (the route table's declaration). */
function expected(route: ApiRoute, caller: CallerName): number {
  const ok = route.successStatus ?? 200;
  if (route.access.public) return ok; // no credential is asked for, so none is refused, however wrong
  if (['no credential', 'garbage', 'expired', 'tampered', 'another issuer', 'another key', 'alg none'].includes(caller)) return 401;
  if (caller === 'operator') return route.access.audiences.includes('operator') ? ok : 403;
  if (caller.startsWith('machine: ')) return route.access.scopes?.some((scope) => caller === `machine: ${scope}`) ? ok : 403;
  const audiences = route.access.audiences;
  if (caller === 'meter key of this meter') return audiences.includes('meter') ? ok : 403;
  if (caller === 'customer of this meter') return audiences.includes('customer') ? ok : 403;
  // A route that names no meter (a customer's own list): any customer may call it, and gets only their own.
  if (caller === 'customer of another meter' && route.access.meterFrom === undefined) return audiences.includes('customer') ? ok : 403;
  return 403; // another meter's key or another meter's customer, whatever the route
}

/**
 * The access policy, written out by hand: who gets what on each route, independent of the route table. A change of
 * access needs two edits that agree: the route's `access` declaration and this table (any invalid credential: 401).
 * Columns: a meter's key for the meter concerned, for another meter; the customer who owns the meter, another
 * customer; an operator; a machine client (client-credentials token) with the scope joi-energy/prices.publish,
 * joi-energy/meters.manage, joi-energy/readings.import.
 */
/** A half hour a month from now: inside the publication horizon, never started during the run. */
const NOW = fixClock();
const A_MONTH_AHEAD = Math.floor(NOW / 1800) * 1800 + 30 * 86_400;

const ACCESS_POLICY: Record<string, [ownMeter: number, otherMeter: number, owner: number, otherCustomer: number, operator: number, prices: number, meters: number, readings: number]> = {
  storeReadings: [200, 403, 403, 403, 200, 403, 403, 200],
  readReadings: [403, 403, 200, 403, 200, 403, 403, 403],
  compareAll: [403, 403, 200, 403, 200, 403, 403, 403],
  recommend: [403, 403, 200, 403, 200, 403, 403, 403],
  savings: [403, 403, 200, 403, 200, 403, 403, 403],
  usage: [403, 403, 200, 403, 200, 403, 403, 403],
  usageCost: [403, 403, 200, 403, 200, 403, 403, 403],
  deleteReadings: [403, 403, 403, 403, 200, 403, 403, 403],
  listAccounts: [403, 403, 200, 200, 200, 403, 200, 403], // names no meter: every customer gets their own list
  getAccount: [403, 403, 200, 403, 200, 403, 200, 403],
  listMeters: [403, 403, 403, 403, 200, 403, 200, 403], // the fleet's health: operators and onboarding systems
  switchPricePlan: [403, 403, 200, 403, 200, 403, 200, 403],
  onboardMeter: [403, 403, 403, 403, 201, 403, 201, 403],
  rotateMeterKey: [403, 403, 403, 403, 200, 403, 200, 403],
  listPricePlans: [403, 403, 200, 200, 200, 200, 403, 403], // the catalogue is every customer's to see
  getPricePlan: [403, 403, 200, 200, 200, 200, 403, 403],
  readPrices: [403, 403, 200, 200, 200, 200, 403, 403],
  putPricePlan: [403, 403, 403, 403, 200, 200, 403, 403],
  publishPrices: [403, 403, 403, 403, 200, 200, 403, 403],
  planCheapestWindow: [403, 403, 200, 200, 200, 403, 403, 403],
  meterCheapestWindow: [403, 403, 200, 403, 200, 403, 403, 403],
  publishCarbonIntensity: [403, 403, 403, 403, 200, 200, 403, 403],
  readCarbonIntensity: [403, 403, 200, 200, 200, 200, 403, 403], // a publisher reads back what it publishes (#33.20)
  loadShift: [403, 403, 200, 403, 200, 403, 403, 403],
  getStatement: [403, 403, 200, 403, 200, 403, 403, 403],
  exportUsage: [403, 403, 200, 403, 200, 403, 403, 403],
  // Asked about smart-meter-0, a power meter: whoever may pass is told its kind (409); whoever may not, 403.
  storeIntervals: [409, 403, 403, 403, 409, 403, 403, 409],
  readIntervals: [403, 403, 409, 403, 409, 403, 403, 403],
  // smart-meter-0 has no export meter: whoever may ask is told so (409); the solar household's own test is below.
  comparePairs: [403, 403, 409, 403, 409, 403, 403, 403],
  // smart-meter-0 is the demo's dual-fuel household (its gas meter is smart-meter-7).
  compareDual: [403, 403, 200, 403, 200, 403, 403, 403],
  // The audit trail: a meter's records to its owner and operators; the whole trail to operators only.
  meterAudit: [403, 403, 200, 403, 200, 403, 403, 403],
  listAudit: [403, 403, 403, 403, 200, 403, 403, 403],
  // Calorific values are published data, as prices are.
  publishCalorificValues: [403, 403, 403, 403, 200, 200, 403, 403],
  readCalorificValues: [403, 403, 200, 200, 200, 200, 403, 403],
  // Who am I, and my personal API keys: a signed-in customer, for themselves (a key id not theirs: 404).
  getMe: [403, 403, 200, 200, 403, 403, 403, 403],
  createApiKey: [403, 403, 201, 201, 403, 403, 403, 403],
  listApiKeys: [403, 403, 200, 200, 403, 403, 403, 403],
  revokeApiKey: [403, 403, 404, 404, 403, 403, 403, 403],
  // The /v1/ read API: the owner (or their personal key); another customer's account or meter is a 404, as is an
  // operator's account number (operators have none); operators may read any meter's consumption.
  v1Account: [403, 403, 200, 404, 404, 403, 403, 403],
  v1Consumption: [403, 403, 200, 404, 200, 403, 403, 403],
};
/** Public routes: every caller, with any credential, a wrong one, or none, gets this. */
const PUBLIC_POLICY: Record<string, number> = { compareIntervals: 200, v1Products: 200, v1Product: 200, v1TariffRates: 200 };
const POLICY_COLUMNS: CallerName[] = [
  'meter key of this meter', 'meter key of another meter', 'customer of this meter', 'customer of another meter', 'operator',
  'machine: prices.publish', 'machine: meters.manage', 'machine: readings.import',
];
const policyFor = (route: ApiRoute, caller: CallerName) => {
  if (route.operationId in PUBLIC_POLICY) return PUBLIC_POLICY[route.operationId]!;
  const column = POLICY_COLUMNS.indexOf(caller);
  return column < 0 ? 401 : ACCESS_POLICY[route.operationId]![column]!;
};

describe('identity: every route × every kind of caller, with AUTH=on', () => {
  let server: RunningServer;
  let auth: LocalAuth;
  const credentials = {} as Record<CallerName, string | undefined>;
  const logged: string[] = [];
  let onboarded = 0;
  let tables: TableNames;

  beforeAll(async () => {
    configure({ logLevel: 'info' }); // every request's line, captured below and searched for credentials
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')));
    }
    tables = await freshTables({ catalogue: { ...DEFAULT_CATALOGUE, pricePlans: [...DEFAULT_CATALOGUE.pricePlans, { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0 }] }] } });
    await readingsStore(tables).save(M0, [{ time: 1_700_000_000, reading: 1 }, { time: 1_700_000_060, reading: 2 }]);
    await accountsStore().save(newAccount(INTERVAL_METER, 'price-plan-1', { kind: 'interval' }));
    await accountsStore().save({ ...newAccount(DUAL_FUEL_METER, 'price-plan-1'), gasMeterId: `${DUAL_FUEL_METER}-gas` });
    await accountsStore().save(newAccount(`${DUAL_FUEL_METER}-gas`, 'gas-standard', { fuel: 'gas', electricityMeterId: DUAL_FUEL_METER }));
    server = await startLocalServer({ auth: true });
    auth = server.auth!;
    const valid = await auth.issueAccessToken(customerOf(M0));
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const stranger = await LocalAuth.load(mkdtempSync(join(tmpdir(), 'joi-other-')), 'https://issuer.example', async () => ({}));
    const sameNameOtherKey = await LocalAuth.load(mkdtempSync(join(tmpdir(), 'joi-other-')), auth.issuer, async () => ({}));
    Object.assign(credentials, {
      'no credential': undefined,
      garbage: 'garbage',
      expired: await auth.issueAccessToken(customerOf(M0), { ttlSeconds: -60 }),
      tampered: `${header}.${b64({ ...claims, sub: customerOf(M1) })}.${signature}`,
      'another issuer': await stranger.issueAccessToken(customerOf(M0), { operator: true }),
      'another key': await sameNameOtherKey.issueAccessToken(customerOf(M0), { operator: true }),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, 'cognito:groups': ['operators'] })}.`,
      'meter key of this meter': (await rotateMeterKey(accountsStore(), M0)).meterKey,
      'meter key of another meter': (await rotateMeterKey(accountsStore(), M1)).meterKey,
      'customer of this meter': valid,
      'customer of another meter': await auth.issueAccessToken(customerOf(M1)),
      operator: await auth.issueAccessToken('an-operator', { operator: true }),
      'machine: prices.publish': await auth.issueMachineToken(['prices.publish']),
      'machine: meters.manage': await auth.issueMachineToken(['meters.manage']),
      'machine: readings.import': await auth.issueMachineToken(['readings.import']),
    });
  });
  afterAll(() => {
    configure({ logLevel: 'warn' });
    vi.restoreAllMocks();
    return server.close();
  });

  /** A well-formed request to the route about smart-meter-0 (the admin ones about meters of their own). */
  function requestFor(route: ApiRoute): { path: string; body?: unknown; headers?: Record<string, string> } {
    switch (route.operationId) {
      case 'storeReadings':
        return { path: route.path, body: { smartMeterId: M0, electricityReadings: [{ time: 1_700_000_120, reading: 1 }] } };
      case 'storeIntervals':
        return { path: route.path, body: { smartMeterId: M0, intervals: [{ start: 1_699_999_200, kWh: 0.5 }] } };
      case 'compareIntervals':
        return { path: route.path, body: { intervals: [{ start: 1_699_999_200, kWh: 0.5 }], currentPricePlanId: 'price-plan-0' } };
      case 'usageCost':
        return { path: `/usage/${M0}/cost?period=last-week` };
      case 'getStatement':
      case 'exportUsage':
        return { path: `${route.path.replace('{smartMeterId}', M0)}?from=1699990000&to=1700010000` };
      case 'switchPricePlan':
        return { path: `/accounts/${M0}/price-plan`, body: { pricePlanId: 'price-plan-0' } };
      case 'onboardMeter':
        return { path: route.path, body: { smartMeterId: `onboarded-${++onboarded}`, pricePlanId: 'price-plan-1' } };
      case 'rotateMeterKey':
        return { path: '/admin/meters/smart-meter-4/key' };
      case 'deleteReadings':
        return { path: '/admin/meters/smart-meter-4/readings?from=0&to=1' };
      case 'getPricePlan':
      case 'readPrices':
      case 'planCheapestWindow':
        return { path: route.path.replace('{pricePlanId}', 'price-plan-1') };
      case 'putPricePlan': // the plan's own document again, whatever its revision: an update that changes nothing
        return { path: route.path.replace('{pricePlanId}', 'price-plan-1'), body: DEFAULT_CATALOGUE.pricePlans[1], headers: { 'if-match': '*' } };
      case 'publishCarbonIntensity':
        return { path: route.path, body: { intensity: [{ from: A_MONTH_AHEAD, gCO2PerKWh: 100 }] } };
      case 'publishCalorificValues':
        return { path: route.path, body: { values: [{ from: A_MONTH_AHEAD - (A_MONTH_AHEAD % 86_400), mjPerM3: 39.4 }] } };
      case 'publishPrices':
        return { path: route.path.replace('{pricePlanId}', 'agile'), body: { prices: [{ from: A_MONTH_AHEAD, unitRate: -1.5 }] } };
      case 'revokeApiKey':
        return { path: '/me/api-keys/00000000-0000-4000-8000-000000000000' };
      case 'v1Account':
        return { path: `/v1/accounts/${accountNumberOf(customerOf(M0))}/` };
      case 'v1Consumption':
        return { path: `/v1/electricity-meter-points/${M0}/meters/${M0}/consumption/` };
      case 'v1Product':
        return { path: '/v1/products/PRICE-PLAN-0/' };
      case 'v1TariffRates':
        return { path: '/v1/products/PRICE-PLAN-0/electricity-tariffs/E-1R-PRICE-PLAN-0-A/standard-unit-rates/' };
      default:
        return { path: route.path.replace('{smartMeterId}', M0) };
    }
  }

  /** The interval routes' request about an interval meter (requestFor's smart-meter-0 is a power meter: a 409). */
  function intervalRequestFor(route: ApiRoute): { path: string; body?: unknown; headers?: Record<string, string> } | undefined {
    if (route.operationId === 'storeIntervals') return { path: route.path, body: { smartMeterId: INTERVAL_METER, intervals: [{ start: 1_700_000_000 - (1_700_000_000 % 1800), kWh: 0.5 }] } };
    if (route.operationId === 'readIntervals') return { path: route.path.replace('{smartMeterId}', INTERVAL_METER) };
    if (route.operationId === 'comparePairs') return { path: route.path.replace('{smartMeterId}', SOLAR_METER) };
    if (route.operationId === 'compareDual') return { path: route.path.replace('{smartMeterId}', DUAL_FUEL_METER) };
    return undefined;
  }

  const callers = Object.keys({
    'no credential': 0, garbage: 0, expired: 0, tampered: 0, 'another issuer': 0, 'another key': 0, 'alg none': 0,
    'meter key of this meter': 0, 'meter key of another meter': 0, 'customer of this meter': 0, 'customer of another meter': 0, operator: 0,
    'machine: prices.publish': 0, 'machine: meters.manage': 0, 'machine: readings.import': 0,
  } satisfies Record<CallerName, number>) as CallerName[];

  it('has a policy row for every route, and none for a route that does not exist', () => {
    expect([...Object.keys(ACCESS_POLICY), ...Object.keys(PUBLIC_POLICY)].sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
  });

  it('lets only operators send an operator-only field (a switch dated `from`)', async () => {
    const send = (credential: string) =>
      fetch(`${server.base}/accounts/${M0}/price-plan`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pricePlanId: 'price-plan-0', from: NOW + 3600 }),
      });
    const refused = await send(credentials['customer of this meter']!);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toBe('only operators may send from');
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s answers each caller as the policy table says', async (_, route) => {
    const outcomes: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const caller of callers) {
      const { path, body, headers } = requestFor(route);
      const credential = credentials[caller];
      const response = await fetch(server.base + path, {
        method: route.method,
        headers: { ...(credential !== undefined && { authorization: `Bearer ${credential}` }), 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      outcomes[caller] = response.status;
      wanted[caller] = policyFor(route, caller);
      // A 409 in the table is a caller the declaration lets through, told the meter's kind (requestFor's meter is a power meter).
      const declared = expected(route, caller);
      // So is a 404 of a caller let through to a meter or account that is not theirs (the /v1/ read API's answer).
      expect(declared < 300 && (wanted[caller] === 409 || wanted[caller] === 404) ? wanted[caller] : declared, `${caller}: the route's declaration disagrees with the policy table`).toBe(wanted[caller]);
      const payload = (response.headers.get('content-type')?.startsWith('application/json') ? await response.json() : { message: undefined }) as { message?: string; detail?: string };
      if (response.status === 401) {
        // The /v1/ read API asks for its own credential (Basic: a personal key) once a handler refuses one.
        expect(response.headers.get('www-authenticate'), caller).toMatch(route.octopusCompatible ? /^(Basic|Bearer)/ : /^Bearer/);
        expect(payload.message ?? payload.detail, caller).toEqual(expect.any(String));
      }
      if (response.status === 403) expect(payload.message ?? payload.detail, caller).toEqual(expect.any(String));
    }
    expect(outcomes).toEqual(wanted);
  });

  it('calls DynamoDB only as the stack grants each route: every call of an operator request, recorded per table', async () => {
    // IAM is not enforced locally: this is what would be refused in AWS. A transaction needs each item's own action.
    const calls = new Map<string, Set<string>>();
    const record = (table: string | undefined, action: string) => table && calls.set(table, (calls.get(table) ?? new Set()).add(`dynamodb:${action}`));
    const ITEM_ACTIONS = { Put: 'PutItem', Delete: 'DeleteItem', Update: 'UpdateItem', ConditionCheck: 'ConditionCheckItem' } as const;
    documentClient().middlewareStack.add(
      (next, context) => (args) => {
        const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown>; TransactItems?: Record<string, { TableName: string }>[] };
        const command = String(context.commandName).replace(/Command$/, '');
        if (input.TransactItems) for (const item of input.TransactItems) for (const [kind, part] of Object.entries(item)) record(part.TableName, ITEM_ACTIONS[kind as keyof typeof ITEM_ACTIONS]);
        else if (input.RequestItems) for (const table of Object.keys(input.RequestItems)) record(table, command);
        else record(input.TableName, command);
        return next(args);
      },
      { step: 'initialize', name: 'recordGrantsUsed' },
    );
    const tableKey = Object.fromEntries(Object.entries(tables).map(([key, name]) => [name, key])) as Record<string, keyof StoreGrants>;
    try {
      for (const route of ROUTES) {
        calls.clear();
        const request = intervalRequestFor(route) ?? requestFor(route);
        const { body, headers } = request;
        let { path } = request;
        if (route.operationId === 'revokeApiKey') {
          // A key of the caller's own to revoke, made before the calls recorded are cleared.
          const made = await fetch(`${server.base}/me/api-keys`, { method: 'POST', headers: { authorization: `Bearer ${credentials['customer of this meter']}` } });
          path = `/me/api-keys/${((await made.json()) as { keyId: string }).keyId}`;
          calls.clear();
        }
        // Routes operators may not call (a customer's own keys and account): as the meter's owner.
        const caller = route.access.audiences.includes('operator') && route.operationId !== 'v1Account' ? credentials.operator : credentials['customer of this meter'];
        const response = await fetch(server.base + path, {
          method: route.method,
          headers: { authorization: `Bearer ${caller}`, 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(response.status, route.operationId).toBeLessThan(300);
        for (const [table, actions] of calls) {
          const store = tableKey[table]!;
          const granted = route.stores[store] ? (GRANTS[store] as Record<string, { actions: string[] }[]>)[route.stores[store]!]!.flatMap((g) => g.actions) : [];
          expect(granted, `${route.operationId} on ${store}`).toEqual(expect.arrayContaining([...actions]));
        }
      }
    } finally {
      documentClient().middlewareStack.remove('recordGrantsUsed');
    }
  });

  it("shows a solar household its own pair and export meter, and nobody else's; nobody else sees theirs", async () => {
    const sunny = await auth.issueAccessToken(customerOf(SOLAR_METER));
    const status = async (credential: string, path: string) => (await fetch(server.base + path, { headers: { authorization: `Bearer ${credential}` } })).status;
    for (const path of [`/price-plans/compare-pairs/${SOLAR_METER}`, `/accounts/${SOLAR_EXPORT_METER}`, `/price-plans/compare-all/${SOLAR_EXPORT_METER}`, `/statements/${SOLAR_METER}?from=1699990000&to=1700010000`]) {
      expect(await status(sunny, path), path).toBe(200);
      expect(await status(credentials['customer of this meter']!, path), path).toBe(403);
    }
    expect(await status(sunny, `/price-plans/compare-all/${M0}`)).toBe(403);
    const listed = (await (await fetch(`${server.base}/accounts`, { headers: { authorization: `Bearer ${sunny}` } })).json()) as { accounts: { smartMeterId: string; direction: string }[] };
    expect(listed.accounts.map((a) => [a.smartMeterId, a.direction])).toEqual([[SOLAR_METER, 'import'], [SOLAR_EXPORT_METER, 'export']]);
  });

  it("lists a customer's own meters only; an operator sees all", async () => {
    const list = async (credential: string) =>
      ((await (await fetch(`${server.base}/accounts`, { headers: { authorization: `Bearer ${credential}` } })).json()) as { accounts: { smartMeterId: string }[] }).accounts.map((a) => a.smartMeterId);
    expect(await list(credentials['customer of this meter']!)).toEqual([M0, 'smart-meter-7']); // her electricity and gas meters
    expect(await list(credentials['customer of another meter']!)).toEqual([M1]);
    expect(await list(await auth.issueAccessToken('a-customer-with-no-meter'))).toEqual([]);
    expect(await list(credentials.operator!)).toEqual(expect.arrayContaining(DEMO_ACCOUNTS.map((a) => a.smartMeterId)));
  });

  it('rotation: the old key gets 401, the new one 200; onboarding: a new key stores at once', async () => {
    const post = (key: string, smartMeterId: string) =>
      fetch(`${server.base}/readings/store`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ smartMeterId, electricityReadings: [{ time: 1_700_000_000, reading: 1 }] }),
      });
    const asOperator = { authorization: `Bearer ${credentials.operator}`, 'content-type': 'application/json' };
    const old = credentials['meter key of another meter']!;
    expect((await post(old, M1)).status).toBe(200);
    const rotated = await fetch(`${server.base}/admin/meters/${M1}/key`, { method: 'POST', headers: asOperator });
    const { meterKey } = (await rotated.json()) as { meterKey: string };
    expect(meterKey).toMatch(/^jm_[A-Za-z0-9_-]{32}$/);
    expect((await post(old, M1)).status).toBe(401);
    expect((await post(meterKey, M1)).status).toBe(200);

    const created = await fetch(`${server.base}/admin/meters`, {
      method: 'POST',
      headers: asOperator,
      body: JSON.stringify({ smartMeterId: 'new-meter-1', pricePlanId: 'price-plan-2', customerId: 'someone' }),
    });
    expect(created.status).toBe(201);
    const fresh = (await created.json()) as { smartMeterId: string; pricePlanId: string; meterKey: string };
    expect(fresh).toMatchObject({ smartMeterId: 'new-meter-1', pricePlanId: 'price-plan-2' });
    expect((await post(fresh.meterKey, 'new-meter-1')).status).toBe(200);
    const again = await fetch(`${server.base}/admin/meters`, { method: 'POST', headers: asOperator, body: JSON.stringify({ smartMeterId: 'new-meter-1', pricePlanId: 'price-plan-2' }) });
    expect(again.status).toBe(409);
    const unknownPlan = await fetch(`${server.base}/admin/meters`, { method: 'POST', headers: asOperator, body: JSON.stringify({ smartMeterId: 'new-meter-2', pricePlanId: 'nope' }) });
    expect(unknownPlan.status).toBe(400);
    for (const smartMeterId of ['bad id!', '.', '..']) {
      const badId = await fetch(`${server.base}/admin/meters`, { method: 'POST', headers: asOperator, body: JSON.stringify({ smartMeterId, pricePlanId: 'price-plan-1' }) });
      expect(badId.status, smartMeterId).toBe(400);
    }
  });

  it('plan switching: history grows, and a cost over a switch is the sum of both parts, each under its plan', async () => {
    const asOperator = { authorization: `Bearer ${credentials.operator}`, 'content-type': 'application/json' };
    const meter = 'switching-meter';
    expect((await fetch(`${server.base}/admin/meters`, { method: 'POST', headers: asOperator, body: JSON.stringify({ smartMeterId: meter, pricePlanId: 'price-plan-0' }) })).status).toBe(201);
    // A constant 2 kW for four hours from T; the switch to price-plan-2 (rate 1) two hours in (price-plan-0: rate 10).
    const T = 1_600_000_200; // 2020-09-13 12:23:20 UTC
    await readingsStore(tables).save(
      meter,
      Array.from({ length: 241 }, (_, i) => ({ time: T + i * 60, reading: 2 })),
    );
    const switched = await fetch(`${server.base}/accounts/${meter}/price-plan`, { method: 'PUT', headers: asOperator, body: JSON.stringify({ pricePlanId: 'price-plan-2', from: T + 7200 }) });
    expect(switched.status).toBe(200);
    expect(await switched.json()).toEqual({
      smartMeterId: meter,
      kind: 'power',
      direction: 'import',
      fuel: 'electricity',
      pricePlanId: 'price-plan-2',
      planHistory: [{ pricePlanId: 'price-plan-0', from: 0 }, { pricePlanId: 'price-plan-2', from: T + 7200 }],
    });
    const early = await fetch(`${server.base}/accounts/${meter}/price-plan`, { method: 'PUT', headers: asOperator, body: JSON.stringify({ pricePlanId: 'price-plan-1', from: T }) });
    expect(early.status).toBe(409);
    const unknown = await fetch(`${server.base}/accounts/${meter}/price-plan`, { method: 'PUT', headers: asOperator, body: JSON.stringify({ pricePlanId: 'nope' }) });
    expect(unknown.status).toBe(400);

    const cost = (await (await fetch(`${server.base}/usage/${meter}/cost?from=${T}&to=${T + 4 * 3600}`, { headers: asOperator })).json()) as {
      pricePlanId: string; kWh: number; cost: number; byPlan: { pricePlanId: string; from: number; to: number; kWh: number; cost: number }[];
    };
    // 2 kW × 2 h = 4 kWh at 10, then 4 kWh at 1: 40 + 4 = 44 for 8 kWh.
    expect(cost.byPlan.map((p) => [p.pricePlanId, p.from, p.to])).toEqual([['price-plan-0', T, T + 7200], ['price-plan-2', T + 7200, T + 4 * 3600]]);
    expect(cost.byPlan[0]!.kWh).toBeCloseTo(4, 9);
    expect(cost.byPlan[0]!.cost).toBeCloseTo(40, 9);
    expect(cost.byPlan[1]!.cost).toBeCloseTo(4, 9);
    expect(cost.kWh).toBeCloseTo(8, 9);
    expect(cost.cost).toBeCloseTo(44, 9);
    expect(cost.pricePlanId).toBe('price-plan-2');
    const compare = (await (await fetch(`${server.base}/price-plans/compare-all/${meter}`, { headers: asOperator })).json()) as { pricePlanId: string };
    expect(compare.pricePlanId).toBe('price-plan-2');
  });

  it('writes no key, key hash or token into any log line of the whole run', () => {
    const text = [...logged, ...server.lines].join('\n');
    // The handlers' structured lines were captured (requests the gateway refused never reach a handler).
    expect(logged.filter((line) => line.includes('"message":"request"')).length).toBeGreaterThan(ROUTES.length * 4);
    expect(server.lines.length).toBeGreaterThan(ROUTES.length * callers.length);
    for (const [name, credential] of Object.entries(credentials)) {
      if (!credential || credential === 'garbage') continue;
      expect(text.includes(credential), name).toBe(false);
      if (credential.startsWith('jm_')) expect(text.includes(hashMeterKey(credential)), name).toBe(false);
    }
  });
});
