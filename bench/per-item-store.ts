import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { normaliseReadings, type Reading } from '../shared/domain/readings.js';
import type { Span, TimeRange } from '../shared/domain/time.js';
import type { ReadingsPage, ReadingsStore } from '../shared/ports/readings-store.js';

/**
 * The naive baseline: one item per reading (smartMeterId, time, reading), written with BatchWriteItem. Unprocessed
 * items are retried with exponential backoff and full jitter, then it fails loudly.
 */
export class PerItemReadingsStore implements ReadingsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(smartMeterId: string, readings: readonly Reading[]): Promise<void> {
    for (let i = 0; i < readings.length; i += 25) {
      let requests = readings.slice(i, i + 25).map((r) => ({ PutRequest: { Item: { smartMeterId, time: r.time, reading: r.reading } } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === 8) throw new Error(`${requests.length} readings still unprocessed after ${attempt} attempts`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(5000, 50 * 2 ** attempt)));
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  /** Its puts are already whole items: a seed is a save. */
  seed(smartMeterId: string, readings: readonly Reading[]): Promise<void> {
    return this.save(smartMeterId, readings);
  }

  async list(smartMeterId: string, range: TimeRange = {}): Promise<Reading[]> {
    return (await this.query(smartMeterId, range, Number.MAX_SAFE_INTEGER)).readings;
  }

  async listPage(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage> {
    return this.query(smartMeterId, range, limit);
  }

  async deleteRange(): Promise<{ deleted: number; complete: boolean }> {
    throw new Error('the per-item baseline only measures writes and reads');
  }

  async lastReadingAt(smartMeterId: string): Promise<number | undefined> {
    return (await this.bounds(smartMeterId))?.to;
  }

  async bounds(smartMeterId: string): Promise<Span | undefined> {
    const edge = async (first: boolean) =>
      (
        await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'smartMeterId = :m',
            ExpressionAttributeValues: { ':m': smartMeterId },
            ScanIndexForward: first,
            Limit: 1,
          }),
        )
      ).Items?.[0]?.time as number | undefined;
    const [from, to] = await Promise.all([edge(true), edge(false)]);
    return from === undefined || to === undefined ? undefined : { from, to };
  }

  private async query(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage> {
    const readings: Reading[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'smartMeterId = :m AND #t BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#t': 'time' },
          ExpressionAttributeValues: { ':m': smartMeterId, ':from': range.from ?? 0, ':to': (range.to ?? Number.MAX_SAFE_INTEGER) - 1 },
          ExclusiveStartKey: exclusiveStartKey,
          Limit: limit < Number.MAX_SAFE_INTEGER ? limit + 1 - readings.length : undefined,
        }),
      );
      for (const item of page.Items ?? []) readings.push({ time: item.time as number, reading: item.reading as number });
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey && readings.length <= limit);
    const sorted = normaliseReadings(readings);
    return sorted.length > limit ? { readings: sorted.slice(0, limit), next: sorted[limit]!.time } : { readings: sorted };
  }
}
