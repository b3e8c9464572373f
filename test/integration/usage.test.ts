import { newAccount } from '../../shared/domain/accounts.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as readReadingsHandler } from '../../functions/read-readings/handler.js';
import { handler as usageHandler } from '../../functions/usage/handler.js';
import { handler as usageCostHandler } from '../../functions/usage-cost/handler.js';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import type { Reading } from '../../shared/domain/readings.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { routeNamed } from '../../functions/routes.js';
import { checked } from '../support/answers.js';

/** The handlers, each answer checked against its route's response schema. */
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const readReadings = checked(routeNamed('readReadings'), readReadingsHandler);
const usage = checked(routeNamed('usage'), usageHandler);
const usageCost = checked(routeNamed('usageCost'), usageCostHandler);

const utc = (iso: string) => Date.parse(iso) / 1000;
const get = async (handler: typeof usage, smartMeterId: string, query: Record<string, string> = {}, path = '/') => {
  const result = await handler(apiEvent({ path, pathParameters: { smartMeterId }, query }));
  return { ...parseResult(result), headers: result.headers ?? {} };
};

const CONSTANT = 'smart-meter-1'; // price-plan-1, unit rate 2
const START = utc('2024-01-08T09:00:00Z'); // a Monday, 09:00 (GMT)

describe('usage over time (handlers against DynamoDB Local)', () => {
  let tables: TableNames;
  beforeAll(async () => {
    tables = await freshTables();
    // A constant 2 kW for exactly 3 hours, one reading a minute.
    const readings: Reading[] = Array.from({ length: 181 }, (_, i) => ({ time: START + i * 60, reading: 2 }));
    await readingsStore(tables).save(CONSTANT, readings);
  });

  it('gives 6 kWh in total and 2 kWh per hour for a constant 2 kW over 3 hours', async () => {
    const { status, body } = await get(usage, CONSTANT, { groupBy: 'hour', tz: 'UTC' });
    expect(status).toBe(200);
    const report = body as { unit: string; groupBy: string; timeZone: string; periods: { from: number; to: number; kWh: number }[] };
    expect(report).toMatchObject({ smartMeterId: CONSTANT, unit: 'kWh', groupBy: 'hour', timeZone: 'UTC' });
    expect(report.periods.map((p) => p.from)).toEqual([START, START + 3600, START + 7200]);
    for (const p of report.periods) expect(p.kWh).toBeCloseTo(2, 9);
    const daily = (await get(usage, CONSTANT, { groupBy: 'day' })).body as typeof report;
    expect(daily.timeZone).toBe('Europe/London');
    expect(daily.periods).toHaveLength(1);
    expect(daily.periods[0]!.kWh).toBeCloseTo(6, 9);
  });

  it('gives a range cut mid-interval its interpolated share, with empty periods at 0', async () => {
    const from = START + 90; // half way through the second minute
    const to = START + 4 * 3600;
    const { body } = await get(usage, CONSTANT, { from: String(from), to: String(to), groupBy: 'hour', tz: 'UTC' });
    const periods = (body as { periods: { from: number; to: number; kWh: number }[] }).periods;
    expect(periods[0]).toMatchObject({ from, to: START + 3600 });
    expect(periods[0]!.kWh).toBeCloseTo((2 * (3600 - 90)) / 3600, 9);
    expect(periods.at(-1)).toEqual({ from: START + 3 * 3600, to, kWh: 0, coverage: 0 });
  });

  it('costs the previous calendar week at a fixed instant as kWh × the plan rate', async () => {
    const at = String(START + 7 * 86_400 + 3600); // the following Monday, 10:00
    const { status, body } = await get(usageCost, CONSTANT, { period: 'last-week', at, tz: 'UTC' });
    expect(status).toBe(200);
    const cost = body as { pricePlanId: string; from: number; to: number; kWh: number; cost: number };
    expect(cost).toMatchObject({ smartMeterId: CONSTANT, pricePlanId: 'price-plan-1', from: utc('2024-01-08T00:00:00Z'), to: utc('2024-01-15T00:00:00Z') });
    expect(cost.kWh).toBeCloseTo(6, 9);
    expect(cost.cost).toBeCloseTo(cost.kWh * DEFAULT_CATALOGUE.pricePlans[1]!.rates[0]!.unitRate!, 12);
    const week = await get(usageCost, CONSTANT, { from: String(cost.from), to: String(cost.to) });
    expect(week.body).toEqual(body);
  });

  it('keeps compare-all as before without a range and costs only the range with one', async () => {
    const all = (await get(compareAll, CONSTANT)).body as { pricePlanComparisons: Record<string, number>[] };
    expect(all.pricePlanComparisons[0]!['price-plan-2']).toBeCloseTo(6, 9);
    const firstHour = (await get(compareAll, CONSTANT, { from: String(START), to: String(START + 3600) })).body as typeof all;
    expect(firstHour.pricePlanComparisons[0]!['price-plan-2']).toBeCloseTo(2, 9);
  });

  it('pages readings with a Link to the next page, every reading exactly once', async () => {
    const seen: number[] = [];
    let query: Record<string, string> = { limit: '50' };
    let pages = 0;
    for (;;) {
      const { status, body, headers } = await get(readReadings, CONSTANT, query, `/readings/read/${CONSTANT}`);
      expect(status).toBe(200);
      pages++;
      seen.push(...(body as Reading[]).map((r) => r.time));
      const link = headers.link as string | undefined;
      if (!link) break;
      const url = new URL(/^<([^>]+)>; rel="next"$/.exec(link)![1]!, 'http://x');
      expect(url.pathname).toBe(`/readings/read/${CONSTANT}`);
      query = Object.fromEntries(url.searchParams);
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 181 }, (_, i) => START + i * 60));
  });

  it('answers a meter without a price plan with 409 saying so', async () => {
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts);
    await accounts.save(newAccount('no-plan-meter'));
    const { status, body } = await get(usageCost, 'no-plan-meter', { period: 'last-week' });
    expect(status).toBe(409);
    expect((body as { message: string }).message).toContain('no price plan');
  });

  it.each([
    [usage, { from: 'yesterday' }, 'from'],
    [usage, { from: '-5' }, 'from'],
    [usage, { from: '100', to: '100' }, 'from must be before to'],
    [usage, { groupBy: 'fortnight' }, 'groupBy'],
    [usage, { tz: 'Mars/Olympus' }, 'tz'],
    [usage, { from: '0', to: '1700000000', groupBy: 'hour' }, 'periods'],
    [usageCost, {}, 'period'],
    [usageCost, { period: 'last-year' }, 'period'],
    [usageCost, { period: 'last-week', from: '0' }, 'period'],
    [usageCost, { from: '10' }, 'from'],
    [usageCost, { period: 'last-week', at: 'noon' }, 'at'],
    [readReadings, { limit: '50001' }, 'limit'],
    [readReadings, { limit: '0' }, 'limit'],
    [readReadings, { to: '1.5' }, 'to'],
    [compareAll, { from: '200', to: '100' }, 'from must be before to'],
  ] as const)('answers 400 naming the parameter (%#)', async (handler, query, text) => {
    const { status, body } = await get(handler, CONSTANT, query as Record<string, string>);
    expect(status).toBe(400);
    expect((body as { message: string }).message).toContain(text);
  });

  it('answers 404 for an unknown meter on the new endpoints', async () => {
    expect((await get(usage, 'nobody')).status).toBe(404);
    expect((await get(usageCost, 'nobody', { period: 'last-week' })).status).toBe(404);
  });
});
