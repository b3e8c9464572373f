import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../../shared/domain/accounts.js';
import { parseCatalogueJson } from '../../shared/domain/price-plan-catalogue.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';

const DAY = Date.parse('2026-03-10T00:00:00Z') / 1000;

/**
 * #33.5: one standing-charge rule for comparisons. A sparse day (three readings, 2.25 kWh at 10:00–10:45) asked for as
 * a whole day costs the same in compare-all as in usage cost: (2.25 × 23.1 + 51) × 1.05 = 108.12375p on flex, not the
 * 61.27p of a standing charge cut to the readings' own span.
 */
describe('comparisons charge the part of each day with energy that lies inside the period', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const catalogue = parseCatalogueJson(readFileSync('shared/catalogue/example-catalogue.json', 'utf8'));
    const tables = await freshTables({ catalogue });
    await new DynamoDbAccountsStore(createDocumentClient(), tables.accounts).save(newAccount('sparse', 'flex'));
    await readingsStore(tables).save('sparse', [0, 1800, 2700].map((offset) => ({ time: DAY + 10 * 3600 + offset, reading: 3 })));
    server = await startLocalServer();
  });
  afterAll(() => server.close());

  const json = async <T>(path: string) => (await (await fetch(server.base + path)).json()) as T;

  it('costs a sparse whole day the same in compare-all, recommend and usage cost', async () => {
    const range = `from=${DAY}&to=${DAY + 86_400}`;
    const compared = await json<{ pricePlanComparisons: Record<string, number>[] }>(`/price-plans/compare-all/sparse?${range}`);
    const flex = compared.pricePlanComparisons.find((entry) => 'flex' in entry)!.flex!;
    expect(flex).toBe(108.12375);
    const cost = await json<{ cost: number }>(`/usage/sparse/cost?${range}`);
    expect(cost.cost).toBe(flex);
    const recommended = await json<Record<string, number>[]>(`/price-plans/recommend/sparse?${range}&limit=3`);
    expect(recommended.find((entry) => 'flex' in entry)!.flex).toBe(flex);
    // Two days asked, one with data: only the used day is charged (an empty day is no part of the comparison).
    const wider = await json<{ pricePlanComparisons: Record<string, number>[] }>(`/price-plans/compare-all/sparse?from=${DAY - 86_400}&to=${DAY + 86_400}`);
    expect(wider.pricePlanComparisons.find((entry) => 'flex' in entry)!.flex).toBe(flex);
  });
});
