import { InMemoryPricePlansStore } from '../support/in-memory-stores.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as storeReadingsHandler } from '../../functions/store-readings/handler.js';
import { handler as usageHandler } from '../../functions/usage/handler.js';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import type { Reading } from '../../shared/domain/readings.js';
import { UseCases } from '../support/use-cases.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbSummariesStore } from '../../shared/storage/dynamodb/dynamodb-summaries-store.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { summaryTag } from '../../shared/ports/summaries-store.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { routeNamed } from '../../functions/routes.js';
import { checked } from '../support/answers.js';

/** The handlers, each answer checked against its route's response schema. */
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const storeReadings = checked(routeNamed('storeReadings'), storeReadingsHandler);
const usage = checked(routeNamed('usage'), usageHandler);

const METER = 'smart-meter-3';
const utc = (iso: string) => Date.parse(iso) / 1000;
const DAY = utc('2024-02-07T00:00:00Z');
type Comparison = { pricePlanComparisons: Record<string, number>[] };

describe('stored summaries over DynamoDB Local', () => {
  let tables: TableNames;
  let raw: UseCases;
  const costs = async (query: Record<string, string> = {}) =>
    (parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId: METER }, query }))).body as Comparison).pricePlanComparisons;

  beforeAll(async () => {
    tables = await freshTables();
    const week: Reading[] = Array.from({ length: 7 * 24 * 60 }, (_, i) => ({ time: DAY - 3 * 86_400 + i * 60, reading: Math.round((0.3 + (i % 90) / 100) * 1000) / 1000 }));
    await readingsStore(tables).save(METER, week);
    const client = createDocumentClient();
    raw = new UseCases({ readings: readingsStore(tables), accounts: new DynamoDbAccountsStore(client, tables.accounts), pricePlans: new InMemoryPricePlansStore(DEFAULT_CATALOGUE) });
  });

  const expectRaw = async (query: Record<string, string>) => {
    const expected = await raw.compareAll(METER, query.from ? { from: Number(query.from), to: Number(query.to) } : {});
    const actual = await costs(query);
    for (const [i, c] of expected.costs.entries()) {
      expect(Object.keys(actual[i]!)[0]).toBe(c.pricePlanId);
      expect(Math.abs(actual[i]![c.pricePlanId]! - c.cost)).toBeLessThanOrEqual(1e-9 * c.cost);
    }
  };

  it('summarizes settled days on first read, and answers from them as the readings would', async () => {
    await expectRaw({});
    const states = await new DynamoDbSummariesStore(createDocumentClient(), tables.summaries).dayStates(METER, DAY - 5 * 86_400, DAY + 5 * 86_400);
    expect([...states.values()].filter((s) => s.tag === summaryTag(s.version, 3600)).length).toBeGreaterThanOrEqual(6);
    await expectRaw({});
    const byMonth = parseResult(await usage(apiEvent({ pathParameters: { smartMeterId: METER }, query: { groupBy: 'month' } }))).body as { periods: { kWh: number }[] };
    const rawMonth = await raw.usage(METER, {}, 'month', 'Europe/London');
    expect(byMonth.periods[0]!.kWh).toBeCloseTo(rawMonth.periods[0]!.kWh, 9);
  });

  it('reflects late data at once: a batch replacing a summarized day changes the next answer to the raw one', async () => {
    const day = { from: String(DAY), to: String(DAY + 86_400) };
    const before = await costs(day);
    await expectRaw(day);
    const replacement = Array.from({ length: 24 * 60 }, (_, i) => ({ time: DAY + i * 60, reading: 4.2 }));
    const stored = parseResult(await storeReadings(apiEvent({ method: 'POST', body: { smartMeterId: METER, electricityReadings: replacement } })));
    expect(stored.status).toBe(200);
    const after = await costs(day);
    expect(after[0]!['price-plan-2']).toBeGreaterThan(before[0]!['price-plan-2']! * 2);
    await expectRaw(day);
    await expectRaw({});
  });
});
