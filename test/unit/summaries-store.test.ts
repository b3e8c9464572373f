import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbSummariesStore } from '../../shared/storage/dynamodb/dynamodb-summaries-store.js';

/**
 * The summaries adapter's requests, against a scripted client: what it asks DynamoDB for (strongly consistent day
 * states, the days it wants) and what it does with partial answers (unprocessed keys retried, then a loud failure).
 */
const DAY = 86_400;
const D = Date.UTC(2024, 2, 6) / 1000;
const dayKey = (day: number) => `d#${new Date(day * 1000).toISOString().slice(0, 10)}`;
const slotsItem = (day: number, kWh: number) => {
  const bytes = new Uint8Array(48 * 8);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < 48; k++) view.setFloat64(k * 8, kWh, true);
  // The first three half hours and the last hold data: bits 0-2 and 47, least significant first.
  const covered = new Uint8Array(6);
  covered[0] = 0b111;
  covered[5] = 0b1000_0000;
  return { smartMeterId: 'm', period: dayKey(day), tag: '0/3600', slots: bytes, covered };
};

function scripted(answer: (input: Record<string, unknown>, call: number) => unknown) {
  const inputs: Record<string, unknown>[] = [];
  const client = { send: async (command: { input: Record<string, unknown> }) => answer(command.input, inputs.push(command.input) - 1) } as unknown as DynamoDBDocumentClient;
  return { client, inputs };
}

describe('DynamoDbSummariesStore (scripted client)', () => {
  it("reads day states strongly consistent, only the asked days of each month item", async () => {
    // Only whole `<letter><DD>` names are day fields: `xv06` and `v06x` are not.
    const { client, inputs } = scripted(() => ({ Items: [{ smartMeterId: 'm', period: 'm#2024-03', v05: 1, v06: 2, p06: D + 60, s06: '2/3600', k06: 4.5, c06: 40, v07: 3, xv06: 9, v06x: 9 }] }));
    const states = await new DynamoDbSummariesStore(client, 't').dayStates('m', D, D);
    expect(inputs[0]).toMatchObject({ ConsistentRead: true });
    expect([...states]).toEqual([[D, { day: D, version: 2, leaseUntil: D + 60, tag: '2/3600', kWh: 4.5, halfHoursCovered: 40 }]]);
  });

  it('gets scattered days by BatchGetItem, at most 100 keys a call, retrying unprocessed keys until all are in', async () => {
    const days = Array.from({ length: 150 }, (_, i) => D + i * 3 * DAY); // too spread for one Query
    const { client, inputs } = scripted((input, call) => {
      const keys = ((input.RequestItems as Record<string, { Keys: { period: string }[] }>).t!.Keys);
      // The first answer of each chunk leaves its last key unprocessed.
      const served = call === 0 || call === 2 ? keys.slice(0, -1) : keys;
      return {
        Responses: { t: served.map((k) => slotsItem(Date.parse(`${k.period.slice(2)}T00:00:00Z`) / 1000, 1)) },
        ...(served.length < keys.length && { UnprocessedKeys: { t: { Keys: keys.slice(-1) } } }),
      };
    });
    const found = await new DynamoDbSummariesStore(client, 't').daySlots('m', days);
    expect([...found.keys()].sort((a, b) => a - b)).toEqual(days);
    const covered = Array.from({ length: 48 }, (_, k) => k < 3 || k === 47);
    expect(found.get(days[0]!)).toEqual({ day: days[0], tag: '0/3600', slots: Array(48).fill(1), covered });
    expect(inputs.map((i) => (i.RequestItems as Record<string, { Keys: unknown[] }>).t!.Keys.length)).toEqual([100, 1, 50, 1]);
  });

  it('fails loudly when keys stay unprocessed', async () => {
    const { client, inputs } = scripted((input) => ({ Responses: {}, UnprocessedKeys: input.RequestItems }));
    await expect(new DynamoDbSummariesStore(client, 't').daySlots('m', [D, D + 9 * DAY])).rejects.toThrow('2 day summaries still unprocessed after 8 attempts');
    expect(inputs).toHaveLength(8);
  }, 20_000);

  it('says whether a summary landed: its condition failing is a no, any other failure an error', async () => {
    const summary = { day: D, kWh: 48, halfHoursCovered: 48, slots: Array(48).fill(1), covered: Array(48).fill(true) };
    const outcome = (update: () => unknown) => new DynamoDbSummariesStore(scripted((input) => ('UpdateExpression' in input ? update() : {})).client, 't').saveSummary('m', summary, 3, '3/3600', D + 9 * DAY);
    await expect(outcome(() => ({}))).resolves.toBe(true);
    await expect(outcome(() => { throw new ConditionalCheckFailedException({ message: 'version moved', $metadata: {} }); })).resolves.toBe(false);
    await expect(outcome(() => { throw new Error('throttled'); })).rejects.toThrow('throttled');
  });

  it('queries a range only when the days wanted are at least 8 and fill half of it, else gets them by key', async () => {
    const kinds = async (days: number[]) => {
      const { client, inputs } = scripted((input) => ('KeyConditionExpression' in input ? { Items: [] } : { Responses: { t: [] } }));
      await new DynamoDbSummariesStore(client, 't').daySlots('m', days);
      return inputs.map((input) => ('KeyConditionExpression' in input ? 'Query' : 'BatchGetItem'));
    };
    const every = (count: number, step: number) => Array.from({ length: count }, (_, i) => D + i * step * DAY).reverse(); // any order
    expect(await kinds(every(8, 1))).toEqual(['Query']);
    expect(await kinds(every(7, 1))).toEqual(['BatchGetItem']);
    expect(await kinds([...every(7, 2), D + 14 * DAY + DAY])).toEqual(['Query']); // 8 days over 16
    expect(await kinds([...every(7, 2), D + 14 * DAY + 2 * DAY])).toEqual(['BatchGetItem']); // 8 days over 17
    expect(await kinds([])).toEqual([]);
    expect(await kinds(every(100, 3))).toEqual(['BatchGetItem']); // exactly one call's worth of keys: one call
  });

  it('reads many close days with one Query of their range', async () => {
    const days = Array.from({ length: 10 }, (_, i) => D + i * DAY);
    const { client, inputs } = scripted(() => ({ Items: [...days.map((day) => slotsItem(day, 2)), slotsItem(D + 30 * DAY, 9)] }));
    const found = await new DynamoDbSummariesStore(client, 't').daySlots('m', days);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
      ExpressionAttributeNames: { '#pk': 'smartMeterId', '#sk': 'period' },
      ExpressionAttributeValues: { ':pk': 'm', ':first': dayKey(D), ':last': dayKey(D + 9 * DAY) },
    });
    expect([...found.keys()]).toEqual(days); // what the range held beyond the wanted days is left out
  });
});

describe('DynamoDbSummariesStore coverage', () => {
  it('stores which half hours hold data as bits that read back the same, and their count on the month item', async () => {
    const covered = Array.from({ length: 48 }, (_, k) => k % 5 === 0 || k > 40);
    const summary = { day: D, kWh: 2, halfHoursCovered: covered.filter(Boolean).length, slots: Array(48).fill(0), covered };
    const { client, inputs } = scripted(() => ({}));
    await new DynamoDbSummariesStore(client, 't').saveSummary('m', summary, 0, '0/3600/2', D + 9 * DAY);
    const put = inputs.find((input) => 'Item' in input)!.Item as Record<string, unknown>;
    const update = inputs.find((input) => 'UpdateExpression' in input)!;
    expect(update.UpdateExpression).toContain('c06 = :covered');
    expect((update.ExpressionAttributeValues as Record<string, unknown>)[':covered']).toBe(16);
    const read = scripted(() => ({ Responses: { t: [put] } }));
    expect((await new DynamoDbSummariesStore(read.client, 't').daySlots('m', [D])).get(D)!.covered).toEqual(covered);
  });
});
