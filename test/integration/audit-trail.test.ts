import { beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as deleteReadingsHandler } from '../../functions/delete-readings/handler.js';
import { handler as listAuditHandler } from '../../functions/list-audit/handler.js';
import { handler as meterAuditHandler } from '../../functions/meter-audit/handler.js';
import { handler as onboardMeterHandler } from '../../functions/onboard-meter/handler.js';
import { handler as publishCarbonHandler } from '../../functions/publish-carbon-intensity/handler.js';
import { handler as publishPricesHandler } from '../../functions/publish-prices/handler.js';
import { handler as putPricePlanHandler } from '../../functions/put-price-plan/handler.js';
import { handler as rotateMeterKeyHandler } from '../../functions/rotate-meter-key/handler.js';
import { routeNamed } from '../../functions/routes.js';
import { handler as storeIntervalsHandler } from '../../functions/store-intervals/handler.js';
import { handler as storeReadingsHandler } from '../../functions/store-readings/handler.js';
import { handler as switchPricePlanHandler } from '../../functions/switch-price-plan/handler.js';
import { configure } from '../../shared/config.js';
import type { AuditRecord } from '../../shared/domain/audit.js';
import { DEMO_ACCOUNTS } from '../../shared/domain/accounts.js';
import { checked } from '../support/answers.js';
import { fixClock } from '../support/clock.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables } from '../support/tables.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';

const NOW = fixClock();
const HALF_HOUR = Math.floor(NOW / 1800) * 1800;
const DAY_AHEAD = HALF_HOUR + 2 * 86_400;

const OPERATOR = { lambda: { caller: 'operator', sub: 'operator-olga' } };
const MACHINE = { lambda: { caller: 'machine', sub: 'price-feed-client', scopes: 'prices.publish' } };
const OWNER = DEMO_ACCOUNTS[0]!; // smart-meter-0, Sarah's
const AS_OWNER = { lambda: { caller: 'customer', sub: OWNER.customerId } };

const call = async (name: string, handler: Parameters<typeof checked>[1], init: Parameters<typeof apiEvent>[0]) => parseResult(await checked(routeNamed(name), handler)(apiEvent(init)));
const trail = async (query: Record<string, string> = {}, authorizer: Record<string, unknown> = OPERATOR) => call('listAudit', listAuditHandler, { query: { from: '0', ...query }, authorizer }) as Promise<{ status: number; body: { records: AuditRecord[]; nextCursor: string | null } }>;
const recordsOf = async (operation: string) => (await trail({ limit: '100' })).body.records.filter((r) => r.operation === operation);

/**
 * The audit trail: every state-changing request a person or a machine was let make leaves exactly one record, with
 * who, what, which meter or plan, the essentials and the outcome; meters' own data and refused callers leave none.
 */
describe('audit trail (#39)', () => {
  let tables: TableNames;
  beforeAll(async () => {
    tables = await freshTables();
    // Every state-changing route, once, as an operator (publications also as a machine client).
    expect((await call('onboardMeter', onboardMeterHandler, { method: 'POST', body: { smartMeterId: 'audited-meter', pricePlanId: 'price-plan-1', customerId: OWNER.customerId, kind: 'interval' }, authorizer: OPERATOR })).status).toBe(201);
    expect((await call('rotateMeterKey', rotateMeterKeyHandler, { method: 'POST', pathParameters: { smartMeterId: OWNER.smartMeterId }, authorizer: OPERATOR })).status).toBe(200);
    expect((await call('switchPricePlan', switchPricePlanHandler, { method: 'PUT', pathParameters: { smartMeterId: OWNER.smartMeterId }, body: { pricePlanId: 'price-plan-2', from: NOW - 86_400 }, authorizer: OPERATOR })).status).toBe(200);
    expect((await call('storeReadings', storeReadingsHandler, { method: 'POST', body: { smartMeterId: OWNER.smartMeterId, electricityReadings: [{ time: NOW - 7200, reading: 1 }, { time: NOW - 3600, reading: 2 }] }, authorizer: OPERATOR })).status).toBe(200);
    // A meter sending its own readings: data, not an action.
    expect((await call('storeReadings', storeReadingsHandler, { method: 'POST', body: { smartMeterId: OWNER.smartMeterId, electricityReadings: [{ time: NOW - 60, reading: 3 }] }, authorizer: { lambda: { caller: 'meter', smartMeterId: OWNER.smartMeterId } } })).status).toBe(200);
    expect((await call('storeIntervals', storeIntervalsHandler, { method: 'POST', body: { smartMeterId: 'audited-meter', intervals: [{ start: HALF_HOUR - 3600, kWh: 0.5 }, { start: HALF_HOUR - 1800, kWh: 0.25 }] }, authorizer: OPERATOR })).status).toBe(200);
    expect((await call('deleteReadings', deleteReadingsHandler, { method: 'DELETE', pathParameters: { smartMeterId: OWNER.smartMeterId }, query: { from: String(NOW - 7300), to: String(NOW - 3000) }, authorizer: OPERATOR })).status).toBe(200);
    expect((await call('putPricePlan', putPricePlanHandler, { method: 'PUT', pathParameters: { pricePlanId: 'agile' }, body: { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0 }] }, authorizer: OPERATOR })).status).toBe(201);
    expect((await call('publishPrices', publishPricesHandler, { method: 'PUT', pathParameters: { pricePlanId: 'agile' }, body: { prices: [{ from: DAY_AHEAD, unitRate: 10 }, { from: DAY_AHEAD + 1800, unitRate: -2 }] }, authorizer: MACHINE })).status).toBe(200);
    expect((await call('publishCarbonIntensity', publishCarbonHandler, { method: 'PUT', body: { intensity: [{ from: DAY_AHEAD, gCO2PerKWh: 120 }] }, authorizer: MACHINE })).status).toBe(200);
  });

  it('records each action once, with who, what, which meter or plan, and its essentials; never a key', async () => {
    const { body } = await trail({ limit: '100' });
    expect(body.records.map((r) => r.operation).sort()).toEqual(
      ['deleteReadings', 'onboardMeter', 'publishCarbonIntensity', 'publishPrices', 'putPricePlan', 'rotateMeterKey', 'storeIntervals', 'storeReadings', 'switchPricePlan'].sort(),
    );
    const one = (operation: string) => body.records.find((r) => r.operation === operation)!;
    expect(one('onboardMeter')).toMatchObject({ actor: { kind: 'operator', sub: 'operator-olga' }, route: 'POST /admin/meters', smartMeterId: 'audited-meter', pricePlanId: 'price-plan-1', details: { pricePlanId: 'price-plan-1', customerId: OWNER.customerId, kind: 'interval', direction: 'import' }, outcome: { status: 201 } });
    expect(one('rotateMeterKey')).toMatchObject({ smartMeterId: OWNER.smartMeterId, details: {}, outcome: { status: 200 } });
    expect(one('switchPricePlan')).toMatchObject({ smartMeterId: OWNER.smartMeterId, pricePlanId: 'price-plan-2', details: { fromPlan: OWNER.pricePlanId, toPlan: 'price-plan-2', effectiveFrom: NOW - 86_400, requestedFrom: NOW - 86_400 } });
    expect(one('storeReadings').details).toEqual({ readings: 2, from: NOW - 7200, to: NOW - 3600 });
    expect(one('storeIntervals').details).toEqual({ intervals: 2, unit: 'kWh', from: HALF_HOUR - 3600, to: HALF_HOUR, stored: 2, replaced: 0 });
    expect(one('deleteReadings').details).toEqual({ from: NOW - 7300, to: NOW - 3000, deleted: 2, complete: true });
    expect(one('putPricePlan')).toMatchObject({ pricePlanId: 'agile', details: { versions: [0], direction: 'import', dynamic: true }, outcome: { status: 201 } });
    expect(one('publishPrices')).toMatchObject({ actor: { kind: 'machine', clientId: 'price-feed-client', scopes: ['prices.publish'] }, pricePlanId: 'agile', details: { halfHours: 2, from: DAY_AHEAD, to: DAY_AHEAD + 3600 } });
    expect(one('publishCarbonIntensity').details).toEqual({ halfHours: 1, from: DAY_AHEAD, to: DAY_AHEAD + 1800 });
    expect(JSON.stringify(body.records)).not.toMatch(/jm_[A-Za-z0-9_-]{20,}/); // no meter key, onboarded or rotated
    // Newest first.
    expect(body.records.map((r) => r.at)).toEqual([...body.records.map((r) => r.at)].sort((a, b) => b - a));
  });

  it('records a refused action with its outcome and no essentials, and nothing for a request refused before it was let through', async () => {
    const before = (await recordsOf('switchPricePlan')).length;
    const conflict = await call('switchPricePlan', switchPricePlanHandler, { method: 'PUT', pathParameters: { smartMeterId: OWNER.smartMeterId }, body: { pricePlanId: 'price-plan-1', from: NOW - 2 * 86_400 }, authorizer: OPERATOR });
    expect(conflict.status).toBe(409);
    const records = await recordsOf('switchPricePlan');
    expect(records).toHaveLength(before + 1);
    expect(records.find((r) => r.outcome.status === 409)).toMatchObject({ outcome: { message: expect.stringContaining('from must be after the last switch') }, details: {} });
    // Invalid input (400), another customer's meter (403), an unknown meter (404): refused before; nothing recorded.
    expect((await call('switchPricePlan', switchPricePlanHandler, { method: 'PUT', pathParameters: { smartMeterId: OWNER.smartMeterId }, body: { pricePlanId: '' }, authorizer: OPERATOR })).status).toBe(400);
    expect((await call('switchPricePlan', switchPricePlanHandler, { method: 'PUT', pathParameters: { smartMeterId: 'smart-meter-1' }, body: { pricePlanId: 'price-plan-1' }, authorizer: AS_OWNER })).status).toBe(403);
    expect((await call('switchPricePlan', switchPricePlanHandler, { method: 'PUT', pathParameters: { smartMeterId: 'nobody' }, body: { pricePlanId: 'price-plan-1' }, authorizer: OPERATOR })).status).toBe(404);
    expect(await recordsOf('switchPricePlan')).toHaveLength(before + 1);
  });

  it('filters by meter and actor, and pages newest first with every record once', async () => {
    const all = (await trail({ limit: '100' })).body.records;
    expect((await trail({ smartMeterId: 'audited-meter' })).body.records.map((r) => r.operation).sort()).toEqual(['onboardMeter', 'storeIntervals']);
    expect((await trail({ actor: 'price-feed-client' })).body.records.map((r) => r.operation).sort()).toEqual(['publishCarbonIntensity', 'publishPrices']);
    const paged: AuditRecord[] = [];
    let cursor: string | null | undefined;
    do {
      const { status, body } = await trail({ limit: '3', ...(cursor && { cursor }) });
      expect(status).toBe(200);
      expect(body.records.length).toBeLessThanOrEqual(3);
      paged.push(...body.records);
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const forged = await trail({ cursor: 'eyJtb250aCI6IjIwMjYtMTIifQ.AAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.status).toBe(400);
    expect((await trail({ from: '0', to: String(400 * 86_400) })).status).toBe(400); // more than 366 days
  });

  it("shows a customer their own meter's actions, staff by kind only; never another meter's", async () => {
    const mine = await call('meterAudit', meterAuditHandler, { pathParameters: { smartMeterId: OWNER.smartMeterId }, query: { from: '0' }, authorizer: AS_OWNER });
    expect(mine.status).toBe(200);
    const records = (mine.body as { records: AuditRecord[] }).records;
    expect(records.map((r) => r.operation).sort()).toEqual(['deleteReadings', 'rotateMeterKey', 'storeReadings', 'switchPricePlan', 'switchPricePlan']);
    expect(records.every((r) => r.smartMeterId === OWNER.smartMeterId && r.actor.kind === 'operator' && !('sub' in r.actor))).toBe(true);
    expect((await call('meterAudit', meterAuditHandler, { pathParameters: { smartMeterId: 'smart-meter-1' }, authorizer: AS_OWNER })).status).toBe(403);
  });

  it('answers an action whose record cannot be written, and logs the whole record for the runbook to put back', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    configure({ tables: { ...tables, audit: 'no-such-audit-table' } });
    try {
      const rotated = await call('rotateMeterKey', rotateMeterKeyHandler, { method: 'POST', pathParameters: { smartMeterId: 'smart-meter-2' }, authorizer: OPERATOR });
      expect(rotated.status).toBe(200);
      const logged = errors.mock.calls.map(([line]) => line as { message?: string; record?: AuditRecord }).find((line) => line.message === 'auditUnrecorded');
      expect(logged?.record).toMatchObject({ operation: 'rotateMeterKey', smartMeterId: 'smart-meter-2', actor: { kind: 'operator', sub: 'operator-olga' }, outcome: { status: 200 } });
    } finally {
      configure({ tables });
      errors.mockRestore();
    }
  });
});
