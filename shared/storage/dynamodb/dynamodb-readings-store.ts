import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { normaliseReadings, type Reading } from '../../domain/readings.js';
import { forEachLimited } from '../../concurrency.js';
import type { Span, TimeRange } from '../../domain/time.js';
import type { ReadingsPage, ReadingsReader, ReadingsStore } from '../../ports/readings-store.js';
import { batchWriteAll } from './batch-write.js';
import { edgeItem, queryPages } from './query-pages.js';
import { attributeNameOf, bucketStartOf, groupByBucket, readingsOfItem } from './hourly-buckets.js';
import { BUCKET_SECONDS, READINGS_PARTITION_KEY, READINGS_SORT_KEY } from './table-layout.js';

/** Attributes per UpdateItem: keeps the update expression well under DynamoDB's 4 KB limit. */
const MAX_ATTRIBUTES_PER_UPDATE = 100;

/** Readings an hour item holds when the meter reports once a minute, the usual rate: sizes a page's Query. */
const MINUTE_READINGS_PER_BUCKET = BUCKET_SECONDS / 60;

export interface DynamoDbReadingsStoreOptions {
  /** Write calls in flight at once for one save, seed or deletion. */
  writeConcurrency?: number;
}

/** A meter's readings, read: all that a function which never writes readings bundles of this adapter. */
export class DynamoDbReadingsReader implements ReadingsReader {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async list(smartMeterId: string, range: TimeRange = {}): Promise<Reading[]> {
    const readings: Reading[] = [];
    // A page can hold ~150,000 readings: too many to spread into push() as arguments.
    for await (const page of this.queryPages(smartMeterId, range)) for (const r of page) readings.push(r);
    return normaliseReadings(readings);
  }

  async listPage(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage> {
    const readings: Reading[] = [];
    // Hour items come in time order, so once more than `limit` readings are in hand the first `limit` are final.
    for await (const page of this.queryPages(smartMeterId, range, Math.ceil((limit + 1) / MINUTE_READINGS_PER_BUCKET) + 1)) {
      for (const r of page) readings.push(r);
      if (readings.length > limit) break;
    }
    const sorted = normaliseReadings(readings);
    return sorted.length > limit ? { readings: sorted.slice(0, limit), next: sorted[limit]!.time } : { readings: sorted };
  }

  async bounds(smartMeterId: string): Promise<Span | undefined> {
    const [first, last] = await Promise.all([this.edgeItem(smartMeterId, true), this.edgeItem(smartMeterId, false)]);
    if (!first || !last) return undefined;
    const times = (item: Record<string, unknown>) => readingsOfItem(item).map((r) => r.time);
    return { from: Math.min(...times(first)), to: Math.max(...times(last)) };
  }

  async lastReadingAt(smartMeterId: string): Promise<number | undefined> {
    // Eventually consistent (half the read units): a health check may lag a write by a second, never by a minute.
    const last = await this.edgeItem(smartMeterId, false, false);
    return last ? Math.max(...readingsOfItem(last).map((r) => r.time)) : undefined;
  }

  /** The meter's first (or last) hour item: one small Query, however long the history. */
  private edgeItem(smartMeterId: string, first: boolean, consistent = true): Promise<Record<string, unknown> | undefined> {
    return edgeItem(this.client, this.tableName, smartMeterId, first, consistent);
  }

  /** The range's readings, one Query page at a time, following LastEvaluatedKey. */
  private async *queryPages(smartMeterId: string, range: TimeRange, itemsPerPage?: number): AsyncGenerator<Reading[]> {
    const from = range.from ?? 0;
    const to = range.to ?? Number.MAX_SAFE_INTEGER;
    for await (const items of this.itemPages(smartMeterId, range, itemsPerPage)) {
      const readings: Reading[] = [];
      for (const item of items) {
        for (const r of readingsOfItem(item)) if (r.time >= from && r.time < to) readings.push(r);
      }
      yield readings;
    }
  }

  /** The hour items that can hold readings of the range, one Query page at a time, following LastEvaluatedKey. */
  protected async *itemPages(smartMeterId: string, range: TimeRange, itemsPerPage?: number): AsyncGenerator<Record<string, unknown>[]> {
    const from = range.from ?? 0;
    const to = range.to ?? Number.MAX_SAFE_INTEGER;
    if (from >= to) return;
    const lastBucket = range.to === undefined ? Number.MAX_SAFE_INTEGER : bucketStartOf(to - 1);
    yield* queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
      ExpressionAttributeNames: { '#pk': READINGS_PARTITION_KEY, '#sk': READINGS_SORT_KEY },
      ExpressionAttributeValues: { ':pk': smartMeterId, ':first': bucketStartOf(from), ':last': lastBucket },
      Limit: itemsPerPage,
      ConsistentRead: true, // a reading acknowledged before a request starts counts in it
    });
  }
}

/** Readings, read and written: one item per meter and hour (see table-layout.ts). */
export class DynamoDbReadingsStore extends DynamoDbReadingsReader implements ReadingsStore {
  private readonly writeConcurrency: number;

  constructor(client: DynamoDBDocumentClient, tableName: string, options: DynamoDbReadingsStoreOptions = {}) {
    super(client, tableName);
    this.writeConcurrency = options.writeConcurrency ?? 16;
  }

  async save(smartMeterId: string, readings: readonly Reading[]): Promise<void> {
    const updates: { bucketStart: number; attributes: [string, number][] }[] = [];
    for (const [bucketStart, bucket] of groupByBucket(readings)) {
      const attributes = [...bucket];
      for (let i = 0; i < attributes.length; i += MAX_ATTRIBUTES_PER_UPDATE) {
        updates.push({ bucketStart, attributes: attributes.slice(i, i + MAX_ATTRIBUTES_PER_UPDATE) });
      }
    }
    // SET on named attributes needs no read, creates the item when absent and is safe to repeat.
    // Throttling and transient faults are retried by the SDK (exponential backoff with jitter); what still fails rejects.
    await forEachLimited(updates, this.writeConcurrency, async ({ bucketStart, attributes }) => {
      const names: Record<string, string> = {};
      const values: Record<string, number> = {};
      const sets = attributes.map(([name, reading], i) => {
        names[`#a${i}`] = name;
        values[`:v${i}`] = reading;
        return `#a${i} = :v${i}`;
      });
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [READINGS_PARTITION_KEY]: smartMeterId, [READINGS_SORT_KEY]: bucketStart },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    });
  }

  /**
   * Each hour written whole, 25 to a BatchWriteItem (unprocessed items sent again, then a loud failure), where save
   * sends an update per hour: five meters' weeks of minute readings cost DynamoDB Local 1.0 core-s instead of 2.5-3.9.
   * A put replaces the hour item, so this is only for hours that hold nothing yet (the port's contract).
   */
  async seed(smartMeterId: string, readings: readonly Reading[]): Promise<void> {
    const puts = [...groupByBucket(readings)].map(([bucketStart, bucket]) => ({
      PutRequest: { Item: { [READINGS_PARTITION_KEY]: smartMeterId, [READINGS_SORT_KEY]: bucketStart, ...Object.fromEntries(bucket) } },
    }));
    await batchWriteAll(this.client, this.tableName, puts, 'hour items', this.writeConcurrency);
  }

  async deleteRange(smartMeterId: string, span: Span, maxBuckets: number): Promise<{ deleted: number; complete: boolean }> {
    // Hour items of the span (at most maxBuckets + 1, to know whether any remain after this call).
    const items: Record<string, unknown>[] = [];
    for await (const page of this.itemPages(smartMeterId, span, maxBuckets + 1)) {
      items.push(...page);
      if (items.length > maxBuckets) break;
    }
    const whole: number[] = [];
    const partial: { bucketStart: number; names: string[] }[] = [];
    let deleted = 0;
    for (const item of items.slice(0, maxBuckets)) {
      const readings = readingsOfItem(item);
      const inSpan = readings.filter((r) => r.time >= span.from && r.time < span.to);
      if (inSpan.length === 0) continue;
      deleted += inSpan.length;
      const bucketStart = item[READINGS_SORT_KEY] as number;
      if (inSpan.length === readings.length) whole.push(bucketStart);
      else for (let i = 0; i < inSpan.length; i += MAX_ATTRIBUTES_PER_UPDATE) {
        partial.push({ bucketStart, names: inSpan.slice(i, i + MAX_ATTRIBUTES_PER_UPDATE).map((r) => attributeNameOf(r.time)) });
      }
    }
    // Whole hour items go with BatchWriteItem; the rest lose only the span's attributes.
    const deletes = whole.map((bucketStart) => ({ DeleteRequest: { Key: { [READINGS_PARTITION_KEY]: smartMeterId, [READINGS_SORT_KEY]: bucketStart } } }));
    await batchWriteAll(this.client, this.tableName, deletes, 'hour items', this.writeConcurrency);
    await forEachLimited(partial, this.writeConcurrency, ({ bucketStart, names }) =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [READINGS_PARTITION_KEY]: smartMeterId, [READINGS_SORT_KEY]: bucketStart },
          UpdateExpression: `REMOVE ${names.map((_, i) => `#a${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
        }),
      ).then(() => undefined),
    );
    return { deleted, complete: items.length <= maxBuckets };
  }
}
