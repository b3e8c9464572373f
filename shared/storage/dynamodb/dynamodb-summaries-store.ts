import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../../concurrency.js';
import type { DaySummary } from '../../domain/energy-summaries.js';
import { DAY_SECONDS, HALF_HOURS_PER_DAY } from '../../domain/time.js';
import type { DaySlots, DayState, SummariesStore } from '../../ports/summaries-store.js';
import { queryPages } from './query-pages.js';
import { SUMMARIES_PARTITION_KEY, SUMMARIES_SORT_KEY } from './table-layout.js';

/** Keys per BatchGetItem (DynamoDB's limit), and attempts for what it leaves unprocessed. */
const BATCH_GET_LIMIT = 100;
const UNPROCESSED_ATTEMPTS = 8;

const iso = (day: number) => new Date(day * 1000).toISOString();
const monthKey = (day: number) => `m#${iso(day).slice(0, 7)}`;
const dayKey = (day: number) => `d#${iso(day).slice(0, 10)}`;
const dayOfMonth = (day: number) => iso(day).slice(8, 10);
/** From this many wanted days (and at least every other day of their range), a range Query beats BatchGetItem. */
const QUERY_FROM_DAYS = 8;

/** A day item's half hours (kWh as float64, little-endian; coverage one bit each) with the tag they were made at. */
function slotsOf(item: Record<string, unknown>): DaySlots & { day: number } {
  const day = Date.parse(`${(item[SUMMARIES_SORT_KEY] as string).slice(2)}T00:00:00Z`) / 1000;
  const bytes = item.slots as Uint8Array;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bits = (item.covered as Uint8Array | undefined) ?? new Uint8Array(HALF_HOURS_PER_DAY / 8);
  return {
    day,
    tag: item.tag as string,
    slots: Array.from({ length: bytes.byteLength / 8 }, (_, k) => view.getFloat64(k * 8, true)),
    covered: Array.from({ length: HALF_HOURS_PER_DAY }, (_, k) => (bits[k >> 3]! & (1 << (k & 7))) !== 0),
  };
}

function coveredBits(covered: readonly boolean[]): Uint8Array {
  const bits = new Uint8Array(HALF_HOURS_PER_DAY / 8);
  covered.forEach((touched, k) => {
    if (touched) bits[k >> 3]! |= 1 << (k & 7);
  });
  return bits;
}

/**
 * Summaries table (see table-layout.ts): one small *month* item per meter and UTC month holding, for each day DD,
 * its version `vDD`, a late write's lease `pDD`, the tag `sDD` its summary was made at, its kWh `kDD` and how many of
 * its half hours hold data `cDD` (a year's twelve are a few KB: one strongly consistent Query); one *day* item per
 * summarized day with its 48 half-hour kWh (binary float64, 384 bytes), which of them hold data (48 bits) and the tag
 * it was made at, read only where a day is cut on the half-hour grid.
 */
export class DynamoDbSummariesStore implements SummariesStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async dayStates(smartMeterId: string, fromDay: number, toDay: number): Promise<Map<number, DayState>> {
    const states = new Map<number, DayState>();
    const pages = queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
      ExpressionAttributeNames: { '#pk': SUMMARIES_PARTITION_KEY, '#sk': SUMMARIES_SORT_KEY },
      ExpressionAttributeValues: { ':pk': smartMeterId, ':first': monthKey(fromDay), ':last': monthKey(toDay) },
      ConsistentRead: true, // a late write's version bump must be seen by the next request
    });
    for await (const items of pages) {
      for (const item of items) {
        const month = (item[SUMMARIES_SORT_KEY] as string).slice(2);
        for (const [name, value] of Object.entries(item)) {
          const match = /^([vpskc])(\d\d)$/.exec(name);
          if (!match) continue;
          const day = Date.parse(`${month}-${match[2]}T00:00:00Z`) / 1000;
          if (day < fromDay || day > toDay) continue;
          const state = states.get(day) ?? { day, version: 0 };
          if (match[1] === 'v') state.version = Number(value);
          if (match[1] === 'p') state.leaseUntil = Number(value);
          if (match[1] === 's') state.tag = String(value);
          if (match[1] === 'k') state.kWh = Number(value);
          if (match[1] === 'c') state.halfHoursCovered = Number(value);
          states.set(day, state);
        }
      }
    }
    return states;
  }

  async daySlots(smartMeterId: string, days: readonly number[]): Promise<Map<number, DaySlots>> {
    const found = new Map<number, DaySlots>();
    const sorted = [...days].sort((a, b) => a - b);
    const spanned = sorted.length === 0 ? 0 : (sorted.at(-1)! - sorted[0]!) / DAY_SECONDS + 1;
    if (sorted.length >= QUERY_FROM_DAYS && spanned <= 2 * sorted.length) {
      // Many days close together (a year priced half hour by half hour): one Query is billed by the bytes it reads
      // (~430 per day), a BatchGetItem by the item (4 KB each), so a year costs ~20 read units instead of ~180.
      const wanted = new Set(days);
      const pages = queryPages(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': SUMMARIES_PARTITION_KEY, '#sk': SUMMARIES_SORT_KEY },
        ExpressionAttributeValues: { ':pk': smartMeterId, ':first': dayKey(sorted[0]!), ':last': dayKey(sorted.at(-1)!) },
      });
      for await (const items of pages) {
        for (const item of items) {
          const slots = slotsOf(item);
          if (wanted.has(slots.day)) found.set(slots.day, slots);
        }
      }
      return found;
    }
    for (let i = 0; i < days.length; i += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = days.slice(i, i + BATCH_GET_LIMIT).map((day) => ({ [SUMMARIES_PARTITION_KEY]: smartMeterId, [SUMMARIES_SORT_KEY]: dayKey(day) }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt === UNPROCESSED_ATTEMPTS) throw new Error(`${keys.length} day summaries still unprocessed after ${attempt} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2000, 50 * 2 ** attempt)));
        // Eventually consistent: each item carries the tag it was made at, checked against the day's version.
        const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const slots = slotsOf(item);
          found.set(slots.day, slots);
        }
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async saveSummary(smartMeterId: string, summary: DaySummary, version: number, tag: string, now: number): Promise<boolean> {
    const bytes = new Uint8Array(summary.slots!.length * 8);
    const view = new DataView(bytes.buffer);
    summary.slots!.forEach((kWh, k) => view.setFloat64(k * 8, kWh, true));
    // The half hours first: trusted only once the month item's tag says so, and only with the same tag.
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { [SUMMARIES_PARTITION_KEY]: smartMeterId, [SUMMARIES_SORT_KEY]: dayKey(summary.day), tag, slots: bytes, covered: coveredBits(summary.covered!) } }),
    );
    const dd = dayOfMonth(summary.day);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [SUMMARIES_PARTITION_KEY]: smartMeterId, [SUMMARIES_SORT_KEY]: monthKey(summary.day) },
          UpdateExpression: `SET s${dd} = :tag, k${dd} = :kwh, c${dd} = :covered`,
          // Lands only if no late write bumped the day since its readings were read, and none is in progress.
          ConditionExpression: `${version === 0 ? `attribute_not_exists(v${dd})` : `v${dd} = :version`} AND (attribute_not_exists(p${dd}) OR p${dd} < :now)`,
          ExpressionAttributeValues: { ':tag': tag, ':kwh': summary.kWh, ':covered': summary.halfHoursCovered, ':now': now, ...(version !== 0 && { ':version': version }) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markDays(smartMeterId: string, days: readonly number[], leaseUntil?: number): Promise<void> {
    const byMonth = new Map<string, number[]>();
    for (const day of days) byMonth.set(monthKey(day), [...(byMonth.get(monthKey(day)) ?? []), day]);
    // One update per month touched, 16 in flight (an operator's delete over decades touches hundreds).
    await forEachLimited([...byMonth], 16, async ([month, monthDays]) => {
      const sets = monthDays.flatMap((day) => {
        const dd = dayOfMonth(day);
        return [`v${dd} = if_not_exists(v${dd}, :zero) + :one`, ...(leaseUntil !== undefined ? [`p${dd} = :lease`] : [])];
      });
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [SUMMARIES_PARTITION_KEY]: smartMeterId, [SUMMARIES_SORT_KEY]: month },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ...(leaseUntil !== undefined && { ':lease': leaseUntil }) },
        }),
      );
    });
  }
}
