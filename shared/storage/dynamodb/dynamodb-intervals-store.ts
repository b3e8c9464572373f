import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../../concurrency.js';
import type { Interval } from '../../domain/energy-source.js';
import { DAY_SECONDS, dayOf, HALF_HOUR_SECONDS, HALF_HOURS_PER_DAY, type Span } from '../../domain/time.js';
import { ConflictError } from '../../errors.js';
import type { IntervalsPage, IntervalsReader, IntervalsSaved, IntervalsStore } from '../../ports/intervals-store.js';
import { decodeDay, encodeDay, groupByDay } from './interval-days.js';
import { edgeItem, queryPages } from './query-pages.js';
import { READINGS_PARTITION_KEY, READINGS_SORT_KEY } from './table-layout.js';

/** The day item's attribute that holds its half hours (interval-days.ts). */
const HALF_HOURS = 'h';
/** Days written at once by one call (a month of half hours is 31 days). */
const DAYS_IN_FLIGHT = 8;
/**
 * Tries of a day whose item another writer changed between our read and our write: each round of a race lands at
 * least one writer, so this covers a dozen writers of one day at once; the pause before a retry is jittered so that
 * the losers do not collide again in step.
 */
const MAX_TRIES = 12;
const RETRY_PAUSE_MS = 10;

/**
 * Interval meters' half hours in the readings table: one item per meter per UTC day (sort key: the day's start), the
 * day's values in one small binary attribute. A meter's items are all of one kind (its kind is fixed at onboarding),
 * so a day item never meets an hour item of the same meter. Reads are strongly consistent: a half hour acknowledged is
 * in every answer after it.
 */
export class DynamoDbIntervalsReader implements IntervalsReader {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async list(smartMeterId: string, span: Span): Promise<Interval[]> {
    if (span.to <= span.from) return [];
    const intervals: Interval[] = [];
    for await (const days of this.dayPages(smartMeterId, span)) {
      for (const [day, held] of days) for (const interval of decodeDay(day, held)) if (interval.start >= span.from && interval.start < span.to) intervals.push(interval);
    }
    return intervals;
  }

  async listPage(smartMeterId: string, span: Span, limit: number): Promise<IntervalsPage> {
    const intervals: Interval[] = [];
    if (span.to <= span.from) return { intervals };
    // Days are read a page of DynamoDB at a time and stop once the page is full: a year asked for 10 reads a day or two.
    for await (const days of this.dayPages(smartMeterId, span, Math.ceil(limit / HALF_HOURS_PER_DAY) + 1)) {
      for (const [day, held] of days) {
        for (const interval of decodeDay(day, held)) {
          if (interval.start < span.from || interval.start >= span.to) continue;
          if (intervals.length === limit) return { intervals, next: interval.start };
          intervals.push(interval);
        }
      }
    }
    return { intervals };
  }

  async bounds(smartMeterId: string): Promise<Span | undefined> {
    const [first, last] = await Promise.all([this.edgeDay(smartMeterId, true), this.edgeDay(smartMeterId, false)]);
    if (!first || !last) return undefined;
    return { from: first[0]!.start, to: last.at(-1)!.start + HALF_HOUR_SECONDS };
  }

  async lastEnd(smartMeterId: string): Promise<number | undefined> {
    // Eventually consistent (half the read units), as a power meter's last reading: a health check may lag a second.
    const last = await this.edgeDay(smartMeterId, false, false);
    return last ? last.at(-1)!.start + HALF_HOUR_SECONDS : undefined;
  }

  /** The meter's first (or last) day: one small Query, however long the history. */
  private async edgeDay(smartMeterId: string, first: boolean, consistent = true): Promise<Interval[] | undefined> {
    const item = await edgeItem(this.client, this.tableName, smartMeterId, first, consistent);
    return item ? decodeDay(Number(item[READINGS_SORT_KEY]), item[HALF_HOURS] as Uint8Array) : undefined;
  }

  /** The days that hold the span's half hours, a Query page at a time (of at most `limit` days), as [day, bytes]. */
  protected async *dayPages(smartMeterId: string, span: Span, limit?: number): AsyncGenerator<[number, Uint8Array][]> {
    const pages = queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
      ExpressionAttributeNames: { '#pk': READINGS_PARTITION_KEY, '#sk': READINGS_SORT_KEY },
      ExpressionAttributeValues: { ':pk': smartMeterId, ':first': dayOf(span.from), ':last': dayOf(span.to - 1) },
      ConsistentRead: true,
      Limit: limit,
    });
    for await (const items of pages) yield items.map((item) => [Number(item[READINGS_SORT_KEY]), item[HALF_HOURS] as Uint8Array]);
  }
}

export class DynamoDbIntervalsStore extends DynamoDbIntervalsReader implements IntervalsStore {
  /**
   * Each day the call touches is read (one Query for all of them), merged, and written only when a value changed,
   * conditional on the day being as read: two writers of one day never lose each other's half hours (the loser reads
   * again and merges). A day another writer keeps changing is a 409 after a few tries, never a silent loss.
   */
  async save(smartMeterId: string, intervals: readonly Interval[]): Promise<IntervalsSaved> {
    const byDay = groupByDay(intervals);
    const days = [...byDay.keys()];
    if (days.length === 0) return { stored: 0, replaced: 0 };
    const known = await this.heldDays(smartMeterId, { from: days[0]!, to: days.at(-1)! + DAY_SECONDS });
    const saved = { stored: 0, replaced: 0 };
    await forEachLimited(days, DAYS_IN_FLIGHT, async (day) => {
      for (let attempt = 1; ; attempt++) {
        const before = known.get(day);
        const held = new Map((before ? decodeDay(day, before) : []).map((i) => [i.start, i.kWh]));
        let stored = 0;
        let replaced = 0;
        for (const { start, kWh } of byDay.get(day)!) {
          const old = held.get(start);
          if (old === kWh) continue;
          if (old === undefined) stored++;
          else replaced++;
          held.set(start, kWh);
        }
        if (stored + replaced === 0) return; // every half hour already held as sent: a retry, nothing to write
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { [READINGS_PARTITION_KEY]: smartMeterId, [READINGS_SORT_KEY]: day },
              UpdateExpression: 'SET #h = :new',
              ConditionExpression: before ? '#h = :old' : 'attribute_not_exists(#h)',
              ExpressionAttributeNames: { '#h': HALF_HOURS },
              ExpressionAttributeValues: { ':new': encodeDay(day, [...held].map(([start, kWh]) => ({ start, kWh }))), ...(before && { ':old': before }) },
            }),
          );
          saved.stored += stored;
          saved.replaced += replaced;
          return;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          if (attempt === MAX_TRIES) throw new ConflictError(`the half hours of ${new Date(day * 1000).toISOString().slice(0, 10)} kept changing while this call wrote them: send them again`);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_PAUSE_MS * Math.min(attempt, 5)));
          const now = (await this.heldDays(smartMeterId, { from: day, to: day + DAY_SECONDS })).get(day);
          if (now) known.set(day, now);
          else known.delete(day);
        }
      }
    });
    return saved;
  }

  /** The stored bytes of each day of the span that has an item. */
  private async heldDays(smartMeterId: string, span: Span): Promise<Map<number, Uint8Array>> {
    const held = new Map<number, Uint8Array>();
    for await (const days of this.dayPages(smartMeterId, span)) for (const [day, bytes] of days) held.set(day, bytes);
    return held;
  }
}
