import { describe, expect, it } from 'vitest';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as deleteReadingsHandler } from '../../functions/delete-readings/handler.js';
import { handler as getStatementHandler } from '../../functions/get-statement/handler.js';
import { handler as switchPricePlanHandler } from '../../functions/switch-price-plan/handler.js';
import { handler as usageHandler } from '../../functions/usage/handler.js';
import { routeNamed } from '../../functions/routes.js';
import { demoWeek } from '../../demo/seed-demo-data.js';
import { restoreTables, snapshotTables } from '../../local/table-snapshots.js';
import { configure } from '../../shared/config.js';
import { accountsStore } from '../../shared/runtime.js';
import { createDocumentClient, createDynamoDbClient } from '../../shared/storage/dynamodb/document-client.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';
import { checked } from '../support/answers.js';
import { fixClock } from '../support/clock.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables, readingsStore } from '../support/tables.js';

const NOW = fixClock();
const METER = 'smart-meter-0';
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const deleteReadings = checked(routeNamed('deleteReadings'), deleteReadingsHandler);
const getStatement = checked(routeNamed('getStatement'), getStatementHandler);
const switchPlan = checked(routeNamed('switchPricePlan'), switchPricePlanHandler);
const usage = checked(routeNamed('usage'), usageHandler);

const WEEK_START = NOW - 7 * 86_400;

/** Every answer the drill compares for the customer: what they would see before and after. */
async function customerAnswers() {
  const meter = { smartMeterId: METER };
  const range = { from: String(WEEK_START - 3600), to: String(NOW) };
  return {
    compareAll: parseResult(await compareAll(apiEvent({ pathParameters: meter }))),
    statement: parseResult(await getStatement(apiEvent({ pathParameters: meter, query: range }))),
    usage: parseResult(await usage(apiEvent({ pathParameters: meter, query: { ...range, groupBy: 'day' } }))),
  };
}

/**
 * The restore drill of the runbook (docs/operations.md, "Restore a table"), against DynamoDB Local: a copy of every
 * table taken, a customer's readings and plan history lost by mistake, every table restored into a new set, the
 * handlers pointed at it, and every answer for that customer as it was before the mistake.
 */
describe('restore drill: a customer\'s data lost by mistake and restored from a copy of every table (#39)', () => {
  it('answers compare-all, the statement and usage exactly as before the mistake, from the restored tables', async () => {
    const tables = await freshTables();
    await readingsStore(tables).seed(METER, demoWeek(0, NOW));
    // A plan history worth keeping: a backdated switch in the middle of the week.
    expect(parseResult(await switchPlan(apiEvent({ method: 'PUT', pathParameters: { smartMeterId: METER }, body: { pricePlanId: 'price-plan-2', from: WEEK_START + 3 * 86_400 } }))).status).toBe(200);
    const before = await customerAnswers();
    expect(before.compareAll.status).toBe(200);
    expect((before.statement.body as { lines: unknown[] }).lines.length).toBeGreaterThan(300);

    // The copy: every table, as point-in-time recovery keeps it.
    const client = createDocumentClient();
    const copy = await snapshotTables(client, tables);
    expect(copy.readings.length).toBeGreaterThan(7 * 24);

    // The mistake: the customer's readings deleted, range by range, and their plan history wiped.
    for (let complete = false; !complete; ) {
      const { status, body } = parseResult(await deleteReadings(apiEvent({ method: 'DELETE', pathParameters: { smartMeterId: METER }, query: { from: '0', to: String(NOW + 86_400) } })));
      expect(status).toBe(200);
      complete = (body as { complete: boolean }).complete;
    }
    const account = (await accountsStore().find(METER))!;
    await accountsStore().save({ ...account, pricePlanId: undefined, planHistory: [] });
    const lost = await customerAnswers();
    expect(lost).not.toEqual(before);
    expect((lost.statement.body as { lines: unknown[] }).lines).toEqual([]);

    // The restore: a new table set from the copy; the handlers pointed at it (a stage setting or `cdk import` in AWS).
    const restored = Object.fromEntries(Object.entries(tables).map(([role, name]) => [role, `${name}-restored`])) as unknown as TableNames;
    await restoreTables(createDynamoDbClient(), client, copy, restored);
    configure({ tables: restored });
    expect(await customerAnswers()).toEqual(before);
  });
});
