import { beforeAll, describe, expect, it } from 'vitest';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as readReadingsHandler } from '../../functions/read-readings/handler.js';
import { demoReadings } from '../../demo/demo-readings.js';
import { apiEvent } from '../support/events.js';
import { freshTables, loadReadingsFixture } from '../support/tables.js';
import { routeNamed } from '../../functions/routes.js';
import { checked } from '../support/answers.js';
import { trapezoidKwh } from '../support/trapezoids.js';

/** The handlers, each answer checked against its route's response schema. */
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const readReadings = checked(routeNamed('readReadings'), readReadingsHandler);

const METER = 'smart-meter-2';
const MINUTES_PER_YEAR = 365 * 24 * 60;
const FIVE_MB = 5 * 1024 * 1024;

const YEAR = demoReadings(7, 1_700_000_000, MINUTES_PER_YEAR);

describe('a full year of minute readings', () => {
  beforeAll(async () => {
    // Written straight into the table as the store lays it out: the year's arithmetic is what is proven here.
    await loadReadingsFixture(await freshTables(), METER, YEAR);
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
});
