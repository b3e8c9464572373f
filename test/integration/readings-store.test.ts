import { beforeAll, describe, expect, it } from 'vitest';
import type { Pluggable } from '@smithy/types';
import { capacityMeter } from '../../bench/capacity-meter.js';
import type { Reading } from '../../shared/domain/readings.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { READINGS_PARTITION_KEY, type TableNames } from '../../shared/storage/dynamodb/table-layout.js';

const HOUR = 1606636800; // 2020-11-29 08:00 UTC, an hour boundary

function minuteReadings(start: number, count: number, value = (i: number) => i / 1000): Reading[] {
  return Array.from({ length: count }, (_, i) => ({ time: start + i * 60, reading: value(i) }));
}

/** Makes the first `failures` UpdateItem attempts fail as DynamoDB throttling does, inside the SDK's retry loop. */
function throttlingPlugin(failures: number) {
  const state = { remaining: failures, injected: 0 };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const plugin: Pluggable<any, any> = {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'UpdateItemCommand' && state.remaining > 0) {
            state.remaining--;
            state.injected++;
            throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
              name: 'ProvisionedThroughputExceededException',
              $fault: 'client',
              $metadata: { httpStatusCode: 400 },
            });
          }
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'injectThrottling' },
      );
    },
  };
  return { state, plugin };
}

describe('DynamoDbReadingsStore against DynamoDB Local', () => {
  let tables: TableNames;
  beforeAll(async () => {
    tables = await freshTables();
  });

  it('stores readings and lists them back ascending by time', async () => {
    const store = readingsStore(tables);
    const readings = minuteReadings(HOUR, 150);
    await store.save('meter-roundtrip', [...readings].reverse());
    expect(await store.list('meter-roundtrip')).toEqual(readings);
  });

  it('keeps one reading per instant when a batch is stored twice, the last value winning', async () => {
    const store = readingsStore(tables);
    const batch = minuteReadings(HOUR, 15);
    await store.save('meter-twice', batch);
    await store.save('meter-twice', batch);
    await store.save('meter-twice', [{ time: HOUR, reading: 9.5 }]);
    const stored = await store.list('meter-twice');
    expect(stored).toHaveLength(15);
    expect(stored[0]).toEqual({ time: HOUR, reading: 9.5 });
  });

  it('loses nothing when 40 batches for one meter arrive concurrently', async () => {
    const store = readingsStore(tables);
    const batches = Array.from({ length: 40 }, (_, b) => minuteReadings(HOUR + b * 15 * 60, 15, (i) => b + i / 100));
    await Promise.all(batches.map((batch) => store.save('meter-concurrent', batch)));
    expect(await store.list('meter-concurrent')).toEqual(batches.flat());
  });

  it('seeds a new meter with the very hour items save writes, 25 hours to a BatchWriteItem', async () => {
    const readings = minuteReadings(HOUR, 3 * 24 * 60 - 7, (i) => Math.PI * (i % 97)); // 72 hours, the last one partial
    await readingsStore(tables).save('meter-saved', readings);
    const meter = capacityMeter();
    await readingsStore(tables, {}, {}, meter.plugin).seed('meter-seeded', readings);
    expect(meter.units.calls).toEqual({ BatchWriteItemCommand: 3 });
    const hourItems = async (smartMeterId: string) => {
      const { Items = [] } = await createDocumentClient().send(
        new QueryCommand({ TableName: tables.readings, KeyConditionExpression: '#m = :m', ExpressionAttributeNames: { '#m': READINGS_PARTITION_KEY }, ExpressionAttributeValues: { ':m': smartMeterId } }),
      );
      return Items.map(({ [READINGS_PARTITION_KEY]: _, ...hour }) => hour);
    };
    const seeded = await hourItems('meter-seeded');
    expect(seeded).toHaveLength(72);
    expect(seeded).toEqual(await hourItems('meter-saved'));
    expect(await readingsStore(tables).list('meter-seeded')).toEqual(readings);
  });

  it('lists only the readings in a range: from inclusive, to exclusive', async () => {
    const store = readingsStore(tables);
    await store.save('meter-range', minuteReadings(HOUR, 180));
    const ranged = await store.list('meter-range', { from: HOUR + 3540, to: HOUR + 7260 });
    expect(ranged[0]!.time).toBe(HOUR + 3540);
    expect(ranged.at(-1)!.time).toBe(HOUR + 7200);
    expect(ranged).toHaveLength(62); // 3540..7200 s in minute steps
  });

  it('follows LastEvaluatedKey across Query pages', async () => {
    // 90 days of minute readings with full-precision values: well over the 1 MB a Query page returns.
    const readings = minuteReadings(HOUR, 60 * 24 * 90, (i) => Math.PI * (1 + (i % 1000) / 1000));
    // Loaded straight into the table (the store's own save is proven above and below); the claim here is the reads'.
    await readingsStore(tables).seed('meter-pages', readings);
    const meter = capacityMeter();
    const counted = readingsStore(tables, {}, {}, meter.plugin);
    expect(await counted.list('meter-pages')).toEqual(readings);
    expect(meter.units.calls.QueryCommand).toBeGreaterThan(1);
  });

  it('costs at most 2 write units for a batch of 15 minute readings', async () => {
    const meter = capacityMeter();
    const store = readingsStore(tables, {}, {}, meter.plugin);
    await store.save('meter-cost', minuteReadings(HOUR, 15, (i) => 0.05 + i / 1000));
    expect(meter.units.write).toBeGreaterThan(0);
    expect(meter.units.write).toBeLessThanOrEqual(1);
    meter.reset();
    await store.save('meter-cost', minuteReadings(HOUR + 3000, 15, (i) => 0.05 + i / 1000)); // straddles an hour
    expect(meter.units.write).toBeGreaterThan(1);
    expect(meter.units.write).toBeLessThanOrEqual(2);
  });

  it('retries injected throttling and still writes every reading', async () => {
    const { state, plugin } = throttlingPlugin(3);
    const store = readingsStore(tables, {}, {}, plugin);
    const readings = minuteReadings(HOUR, 180);
    await store.save('meter-throttled', readings);
    expect(state.injected).toBe(3);
    expect(await readingsStore(tables).list('meter-throttled')).toEqual(readings);
  });

  it('rejects loudly when throttling outlasts the retries', async () => {
    const { state, plugin } = throttlingPlugin(1000);
    const store = readingsStore(tables, {}, { maxAttempts: 2 }, plugin);
    await expect(store.save('meter-outage', minuteReadings(HOUR, 15))).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
    expect(state.injected).toBe(2);
  });
});
