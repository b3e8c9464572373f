import { beforeAll, describe, expect, it } from 'vitest';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as readReadingsHandler } from '../../functions/read-readings/handler.js';
import { demoReadings } from '../../demo/demo-readings.js';
import { apiEvent } from '../support/events.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { routeNamed } from '../../functions/routes.js';
import { checked } from '../support/answers.js';
import { trapezoidKwh } from '../support/trapezoids.js';
import { handler as v1ConsumptionHandler } from '../../functions/v1-consumption/handler.js';
import { documentClient } from '../../shared/runtime.js';

/** The handlers, each answer checked against its route's response schema. */
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const readReadings = checked(routeNamed('readReadings'), readReadingsHandler);
const v1Consumption = checked(routeNamed('v1Consumption'), v1ConsumptionHandler);

const METER = 'smart-meter-2';
const MINUTES_PER_YEAR = 365 * 24 * 60;
const FIVE_MB = 5 * 1024 * 1024;

const YEAR = demoReadings(7, 1_700_000_000, MINUTES_PER_YEAR);

describe('a full year of minute readings', () => {
  beforeAll(async () => {
    // Written straight into the table as the store lays it out: the year's arithmetic is what is proven here.
    await readingsStore(await freshTables()).seed(METER, YEAR);
  });

  it('never builds a response over 5 MB and returns every reading exactly once across pages', async () => {
    let query: Record<string, string> | undefined;
    let count = 0;
    let last = -1;
    let largest = 0;
    let outOfOrder = 0;
    for (;;) {
      const result = await readReadings(apiEvent({ path: `/readings/read/${METER}`, pathParameters: { smartMeterId: METER }, query }));
      expect(result.statusCode).toBe(200);
      largest = Math.max(largest, Buffer.byteLength(result.body!));
      const readings = JSON.parse(result.body!) as { time: number }[];
      // Ascending and never repeated, across pages: counted in a plain loop (an assertion per reading costs seconds).
      for (const r of readings) {
        if (r.time <= last) outOfOrder++;
        last = r.time;
      }
      count += readings.length;
      const link = result.headers?.link as string | undefined;
      if (!link) break;
      query = Object.fromEntries(new URL(/^<([^>]+)>/.exec(link)![1]!, 'http://x').searchParams);
    }
    expect(outOfOrder).toBe(0);
    expect(count).toBe(MINUTES_PER_YEAR);
    expect(largest).toBeLessThanOrEqual(FIVE_MB);
    expect(largest).toBeGreaterThan(1_000_000); // full 50,000-reading pages were built
  });

  it('costs the whole year in one compare-all', async () => {
    const result = await compareAll(apiEvent({ pathParameters: { smartMeterId: METER } }));
    expect(result.statusCode).toBe(200);
    const { pricePlanComparisons } = JSON.parse(result.body!) as { pricePlanComparisons: Record<string, number>[] };
    expect(pricePlanComparisons.map((e) => Object.keys(e)[0])).toEqual(['price-plan-2', 'price-plan-1', 'price-plan-0']);
    // Worked out here, not by the product's code: minute readings, no gap, so the energy is the trapezoids' sum.
    const kWh = trapezoidKwh(YEAR);
    for (const [plan, rate] of [['price-plan-2', 1], ['price-plan-1', 2], ['price-plan-0', 10]] as const) {
      const cost = pricePlanComparisons.find((e) => plan in e)![plan]!;
      expect(Math.abs(cost - kWh * rate) / (kWh * rate), plan).toBeLessThan(1e-9);
    }
  });

  it('answers the year half-hourly on the /v1/ consumption route from summaries, the same kWh, in at most 25 read units', async () => {
    let readUnits = 0;
    documentClient().middlewareStack.add(
      (next) => async (args) => {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        for (const report of [(result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity ?? []].flat()) readUnits += report.CapacityUnits ?? 0;
        return result;
      },
      { step: 'initialize', name: 'readUnitsOfTheYear' },
    );
    const [from, to] = [YEAR[0]!.time - (YEAR[0]!.time % 1800), YEAR.at(-1)!.time + 1];
    // Each request its own range (one second apart): the second is not a page of the first's kept answer.
    const ask = (end: number) => v1Consumption(apiEvent({ path: `/v1/electricity-meter-points/${METER}/meters/${METER}/consumption`, pathParameters: { meterPoints: 'electricity-meter-points', meterPoint: METER, serialNumber: METER }, query: { period_from: new Date(from * 1000).toISOString(), period_to: new Date(end * 1000).toISOString(), page_size: '25000' } }));
    try {
      expect((await ask(to)).statusCode).toBe(200); // makes the year's day summaries where none are stored yet
      readUnits = 0;
      const answer = await ask(to + 1);
      expect(answer.statusCode).toBe(200);
      const { count, results } = JSON.parse(answer.body!) as { count: number; results: { consumption: number }[] };
      expect(count).toBeGreaterThan(365 * 48 - 1);
      expect(results.reduce((sum, r) => sum + r.consumption, 0)).toBeCloseTo(trapezoidKwh(YEAR), 6);
      // #38's bound (DynamoDB Local's ConsumedCapacity): the account, the months' states and the days' half hours.
      console.info(`v1 consumption, a year half-hourly: ${readUnits} read units`);
      expect(readUnits).toBeLessThanOrEqual(25);
    } finally {
      documentClient().middlewareStack.remove('readUnitsOfTheYear');
    }
  });
});
