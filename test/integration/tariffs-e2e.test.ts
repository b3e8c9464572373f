import { newAccount } from '../../shared/domain/accounts.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import type { Reading } from '../../shared/domain/readings.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { trapezoidKwh } from '../support/trapezoids.js';

const WEEK_START = Date.parse('2024-01-08T00:00:00Z') / 1000; // Monday, GMT = London local time

/** A week of minute readings: `highKw` while the hour (local = UTC in January) is in [from, to), 0.2 kW otherwise. */
function profile(from: number, to: number, highKw: number): Reading[] {
  return Array.from({ length: 7 * 24 * 60 + 1 }, (_, i) => {
    const time = WEEK_START + i * 60;
    const hour = (time % 86_400) / 3600;
    return { time, reading: hour >= from && hour < to ? highKw : 0.2 };
  });
}

describe('usage-aware recommendation over HTTP, with a catalogue of its own', () => {
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    const tables = await freshTables({ catalogue: parseCatalogue([
      { pricePlanId: 'flat', supplier: 'Power for Everyone', unitRate: 0.25, standingChargePerDay: 0.4 },
      {
        pricePlanId: 'economy-7', supplier: 'The Green Eco', unitRate: 0.32, standingChargePerDay: 0.45,
        timeZone: 'Europe/London', timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 0.11 }],
      },
    ], 'test catalogue') });
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts);
    await accounts.save(newAccount('night-owl', 'flat'));
    await accounts.save(newAccount('day-worker', 'flat'));
    const store = readingsStore(tables);
    await store.save('night-owl', profile(1, 6, 3)); // charges a car overnight
    await store.save('day-worker', profile(9, 18, 2)); // works from home
    server = await startLocalServer();
    base = server.base;
  });
  afterAll(() => server.close());

  const best = async (meter: string) => {
    const response = await fetch(`${base}/price-plans/recommend/${meter}?limit=1`);
    expect(response.status).toBe(200);
    return Object.keys(((await response.json()) as object[])[0]!)[0];
  };

  it('recommends Economy 7 to a night-heavy profile and the flat plan to a day-heavy one', async () => {
    expect(await best('night-owl')).toBe('economy-7');
    expect(await best('day-worker')).toBe('flat');
  });

  it('costs the same week with the same engine on every endpoint', async () => {
    const compare = (await (await fetch(`${base}/price-plans/compare-all/night-owl`)).json()) as {
      pricePlanId: string;
      pricePlanComparisons: Record<string, number>[];
    };
    expect(compare.pricePlanId).toBe('flat');
    const flatCost = compare.pricePlanComparisons.find((e) => 'flat' in e)!.flat!;
    const from = WEEK_START;
    const to = WEEK_START + 7 * 86_400;
    const cost = (await (await fetch(`${base}/usage/night-owl/cost?from=${from}&to=${to}`)).json()) as { cost: number; kWh: number };
    expect(cost.cost).toBeCloseTo(flatCost, 9);
    expect(cost.kWh).toBeCloseTo(trapezoidKwh(profile(1, 6, 3)), 9); // worked out here, not by the product's code
    expect(cost.cost).toBeCloseTo(trapezoidKwh(profile(1, 6, 3)) * 0.25 + 7 * 0.4, 9);
  });
});
