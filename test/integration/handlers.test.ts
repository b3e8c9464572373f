import { roundMoney } from '../../shared/domain/price-plans.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as compareAllHandler } from '../../functions/compare-all/handler.js';
import { handler as readReadingsHandler } from '../../functions/read-readings/handler.js';
import { handler as recommendHandler } from '../../functions/recommend/handler.js';
import { handler as storeReadingsHandler } from '../../functions/store-readings/handler.js';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/http/limits.js';
import { apiEvent, parseResult, SEED_READINGS } from '../support/events.js';
import { freshTables } from '../support/tables.js';
import { routeNamed } from '../../functions/routes.js';
import { checked } from '../support/answers.js';

/** The handlers, each answer checked against its route's response schema. */
const compareAll = checked(routeNamed('compareAll'), compareAllHandler);
const readReadings = checked(routeNamed('readReadings'), readReadingsHandler);
const recommend = checked(routeNamed('recommend'), recommendHandler);
const storeReadings = checked(routeNamed('storeReadings'), storeReadingsHandler);

const METER = 'smart-meter-0';
const store = async (body: unknown) =>
  parseResult(await storeReadings(apiEvent({ method: 'POST', path: '/readings/store', body })));
const read = async (smartMeterId: string) => parseResult(await readReadings(apiEvent({ pathParameters: { smartMeterId } })));

describe('handlers against DynamoDB Local', () => {
  beforeAll(async () => {
    await freshTables();
    const stored = await store({ smartMeterId: METER, electricityReadings: SEED_READINGS });
    expect(stored.status).toBe(200);
  });

  it('echoes a stored batch and reads it back exactly once after a repeat', async () => {
    const body = { smartMeterId: METER, electricityReadings: SEED_READINGS };
    expect(await store(body)).toEqual({ status: 200, body });
    expect(await read(METER)).toEqual({ status: 200, body: SEED_READINGS });
  });

  it('compares every plan by integrated energy, cheapest first, with the current plan', async () => {
    const { status, body } = parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId: METER } })));
    expect(status).toBe(200);
    // By hand: the trapezoids (0.0503+0.0621)/2 + (0.0621+0.0222)/2 + (0.0222+0.0423)/2 + (0.0423+0.0191)/2 = 0.1613 kW, each a minute.
    const kWh = 0.1613 / 60;
    const { pricePlanId, pricePlanComparisons } = body as { pricePlanId: string; pricePlanComparisons: Record<string, number>[] };
    expect(pricePlanId).toBe('price-plan-0');
    const expected = { 'price-plan-2': kWh * 1, 'price-plan-1': kWh * 2, 'price-plan-0': kWh * 10 };
    expect(pricePlanComparisons.map((entry) => Object.keys(entry))).toEqual(Object.keys(expected).map((id) => [id]));
    for (const entry of pricePlanComparisons) {
      const [id, cost] = Object.entries(entry)[0]!;
      // Money is answered to 6 decimals of the minor unit (#33.17).
      expect(cost).toBe(roundMoney(expected[id as keyof typeof expected]));
    }
  });

  it('recommends at most `limit` plans, all when the limit is larger than the plan count', async () => {
    const call = async (query?: Record<string, string>) =>
      parseResult(await recommend(apiEvent({ pathParameters: { smartMeterId: METER }, query })));
    const two = await call({ limit: '2' });
    expect(two.status).toBe(200);
    expect((two.body as object[]).map((e) => Object.keys(e)[0])).toEqual(['price-plan-2', 'price-plan-1']);
    expect((await call({ limit: '10' })).body).toHaveLength(3);
    expect((await call()).body).toHaveLength(3);
  });

  it('answers 404 for a meter without an account on all four endpoints, keeping nothing', async () => {
    const unknown = 'smart-meter-404';
    const stored = await store({ smartMeterId: unknown, electricityReadings: SEED_READINGS });
    expect(stored.status).toBe(404);
    expect(stored.body).toEqual({ message: expect.stringContaining(unknown) });
    expect((await read(unknown)).status).toBe(404);
    expect(parseResult(await compareAll(apiEvent({ pathParameters: { smartMeterId: unknown } }))).status).toBe(404);
    expect(parseResult(await recommend(apiEvent({ pathParameters: { smartMeterId: unknown } }))).status).toBe(404);
  });

  const valid = { smartMeterId: METER, electricityReadings: [{ time: 1606637100, reading: 0.5 }] };
  const badBodies: [string, string | undefined, string][] = [
    ['malformed JSON', '{"smartMeterId": ', 'body is not valid JSON'],
    ['no body', undefined, 'body is required'],
    ['missing smartMeterId', JSON.stringify({ electricityReadings: valid.electricityReadings }), 'smartMeterId'],
    ['missing readings', JSON.stringify({ smartMeterId: METER }), 'electricityReadings'],
    ['readings not an array', JSON.stringify({ ...valid, electricityReadings: {} }), 'electricityReadings'],
    ['negative reading', JSON.stringify({ ...valid, electricityReadings: [{ time: 1, reading: -1 }] }), 'reading'],
    ['string reading', JSON.stringify({ ...valid, electricityReadings: [{ time: 1, reading: 'x' }] }), 'reading'],
    ['non-finite reading', '{"smartMeterId":"smart-meter-0","electricityReadings":[{"time":1,"reading":1e999}]}', 'reading'],
    ['missing reading', JSON.stringify({ ...valid, electricityReadings: [{ time: 1 }] }), 'reading'],
    ['fractional time', JSON.stringify({ ...valid, electricityReadings: [{ time: 1.5, reading: 1 }] }), 'time'],
    ['negative time', JSON.stringify({ ...valid, electricityReadings: [{ time: -60, reading: 1 }] }), 'time'],
    ['string time', JSON.stringify({ ...valid, electricityReadings: [{ time: '1606637100', reading: 1 }] }), 'time'],
  ];

  it.each(badBodies)('answers 400 naming the field for %s, earlier readings untouched', async (_, rawBody, field) => {
    const result = parseResult(await storeReadings(apiEvent({ method: 'POST', rawBody })));
    expect(result.status).toBe(400);
    expect((result.body as { message: string }).message).toContain(field);
    expect(await read(METER)).toEqual({ status: 200, body: SEED_READINGS });
  });

  it('answers 413 for a body over 6 MB, earlier readings untouched', async () => {
    const rawBody = JSON.stringify({ ...valid, padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES) });
    const result = parseResult(await storeReadings(apiEvent({ method: 'POST', rawBody })));
    expect(result.status).toBe(413);
    expect(await read(METER)).toEqual({ status: 200, body: SEED_READINGS });
  });

  it.each(['0', '-1', '1.5', 'two', ''])('answers 400 for limit=%j', async (limit) => {
    const result = parseResult(await recommend(apiEvent({ pathParameters: { smartMeterId: METER }, query: { limit } })));
    expect(result.status).toBe(400);
    expect((result.body as { message: string }).message).toContain('limit');
  });

  it('answers 400 for a malformed meter id in the path', async () => {
    const result = await read('bad meter id!');
    expect(result.status).toBe(400);
    expect((result.body as { message: string }).message).toContain('smartMeterId');
  });
});
