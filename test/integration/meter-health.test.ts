import { beforeAll, describe, expect, it } from 'vitest';
import { countSilentMeters } from '../../functions/count-silent-meters/use-case.js';
import { handler as listMetersHandler } from '../../functions/list-meters/handler.js';
import { listMeters, type ListMetersDeps } from '../../functions/list-meters/use-case.js';
import type { MeterList } from '../../functions/list-meters/docs.js';
import { routeNamed } from '../../functions/routes.js';
import { DEMO_ACCOUNTS, newAccount } from '../../shared/domain/accounts.js';
import type { Reading } from '../../shared/domain/readings.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbIntervalsStore } from '../../shared/storage/dynamodb/dynamodb-intervals-store.js';
import { DynamoDbSummariesStore } from '../../shared/storage/dynamodb/dynamodb-summaries-store.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { checked } from '../support/answers.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables, readingsStore } from '../support/tables.js';

/**
 * Meter health against DynamoDB Local: each meter's last reading off its newest readings item, its status around the
 * silence threshold, its week's coverage, the list's pages and filters, and the fleet count the alarm watches.
 */
const DAY = 86_400;
const NOW = Math.floor(Date.UTC(2026, 10, 20, 12) / 1000);
const minutes = (from: number, to: number): Reading[] => Array.from({ length: (to - from) / 60 + 1 }, (_, i) => ({ time: from + i * 60, reading: 1 }));
const listMetersRoute = checked(routeNamed('listMeters'), listMetersHandler);

describe('meter health (DynamoDB Local)', () => {
  let tables: TableNames;
  let deps: ListMetersDeps;
  let readings: ReturnType<typeof readingsStore>;
  const page = (query: Partial<Parameters<typeof listMeters>[1]> = {}) => listMeters(deps, { status: 'all', silentFor: DAY, ...query });

  beforeAll(async () => {
    tables = await freshTables();
    readings = readingsStore(tables);
    // smart-meter-0: its last reading exactly a day ago (still ok); smart-meter-1: a second more (silent);
    // smart-meter-2: reporting now, a week of minutes but for one whole day; smart-meter-3 and -4: never.
    await readings.save('smart-meter-0', [{ time: NOW - DAY - 600, reading: 1 }, { time: NOW - DAY, reading: 1 }]);
    await readings.save('smart-meter-1', [{ time: NOW - DAY - 601, reading: 1 }, { time: NOW - DAY - 1, reading: 1 }]);
    await readings.save('smart-meter-2', [...minutes(NOW - 7 * DAY, NOW - 4 * DAY), ...minutes(NOW - 3 * DAY, NOW - 60)]);
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts, tables.meterKeys);
    for (let i = 0; i < 140; i++) await accounts.save(newAccount(`fleet-${String(i).padStart(3, '0')}`, 'price-plan-1', { customerId: `customer-${i}` }));
    // The interval demo meter: the last two days' half hours, the last one ending at 12:00.
    const intervals = new DynamoDbIntervalsStore(createDocumentClient(), tables.readings);
    await intervals.save('smart-meter-5', Array.from({ length: 96 }, (_, i) => ({ start: NOW - 2 * DAY + i * 1800, kWh: 0.2 })));
    deps = {
      accounts,
      readings,
      intervals,
      summaries: new DynamoDbSummariesStore(createDocumentClient(), tables.summaries),
      maxGapSeconds: 3600,
      now: () => NOW,
    };
  });

  const allPages = async (query: Partial<Parameters<typeof listMeters>[1]> = {}) => {
    const pages: MeterList[] = [];
    let cursor: string | undefined;
    do {
      const next = await page({ ...query, ...(cursor && { cursor }) });
      pages.push(next);
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  };

  it('says never, ok or silent around the threshold, with the last reading and the week covered', async () => {
    const meters = (await allPages()).flatMap((p) => p.meters);
    const of = (id: string) => meters.find((m) => m.smartMeterId === id)!;
    expect(of('smart-meter-0')).toMatchObject({ status: 'ok', lastReadingAt: NOW - DAY, pricePlanId: 'price-plan-0', customerId: 'demo-customer-sarah' });
    expect(of('smart-meter-1')).toMatchObject({ status: 'silent', lastReadingAt: NOW - DAY - 1 });
    expect(of('smart-meter-3')).toEqual({ smartMeterId: 'smart-meter-3', kind: 'power', pricePlanId: 'price-plan-2', customerId: 'demo-customer-andrea', lastReadingAt: null, coverage7d: 0, status: 'never' });
    // 7 days but one (the empty day's neighbouring half hours hold the intervals into it, so a little under 6/7).
    expect(of('smart-meter-2')).toMatchObject({ status: 'ok', lastReadingAt: NOW - 60 });
    // An interval meter's data reaches the end of its last half hour; 96 of the week's 336 half hours are held.
    expect(of('smart-meter-5')).toMatchObject({ kind: 'interval', status: 'ok', lastReadingAt: NOW, coverage7d: 0.286 });
    expect(of('smart-meter-2').coverage7d).toBeCloseTo(6 / 7, 2);
    expect(of('smart-meter-0').coverage7d).toBe(0.003); // one half hour (11:30-12:00) of the week's 336
    // A shorter threshold makes the meter a day behind silent too.
    expect((await allPages({ status: 'silent', silentFor: DAY - 1 })).flatMap((p) => p.meters.map((m) => m.smartMeterId))).toEqual(['smart-meter-0', 'smart-meter-1']);
  });

  it('pages at most 100 meters, every meter once, and filters each page by status', async () => {
    const pages = await allPages();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(p.meters.length).toBeLessThanOrEqual(100);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const ids = pages.flatMap((p) => p.meters.map((m) => m.smartMeterId));
    expect(new Set(ids).size).toBe(140 + DEMO_ACCOUNTS.length);
    const never = (await allPages({ status: 'never' })).flatMap((p) => p.meters);
    expect(never).toHaveLength(140 + DEMO_ACCOUNTS.length - 4);
    expect(never.every((m) => m.status === 'never' && m.lastReadingAt === null)).toBe(true);
  });

  it('counts the fleet for the silent-meter metric', async () => {
    expect(await countSilentMeters(deps)).toEqual({ meters: 140 + DEMO_ACCOUNTS.length, ok: 3, silent: 1, never: 140 + DEMO_ACCOUNTS.length - 4, silentShare: 100 / (140 + DEMO_ACCOUNTS.length) });
  });

  it('shows a new reading at once', async () => {
    await readings.save('smart-meter-4', [{ time: NOW - 30, reading: 2 }]);
    const meters = (await allPages({ status: 'ok' })).flatMap((p) => p.meters);
    expect(meters.find((m) => m.smartMeterId === 'smart-meter-4')).toMatchObject({ status: 'ok', lastReadingAt: NOW - 30 });
  });

  it('answers the route with the documented shape, and 400 for a bad status, threshold or cursor', async () => {
    const call = async (query: Record<string, string> = {}) => parseResult(await listMetersRoute(apiEvent({ method: 'GET', path: '/admin/meters', query })));
    const first = await call();
    expect(first.status).toBe(200);
    expect((first.body as MeterList).meters.length).toBeLessThanOrEqual(100);
    expect(await call({ status: 'asleep' })).toEqual({ status: 400, body: { message: expect.stringContaining('status') } });
    expect((await call({ silentFor: '5' })).status).toBe(400);
    expect(await call({ cursor: 'not-one-we-gave' })).toEqual({ status: 400, body: { message: expect.stringContaining('cursor') } });
  });
});
