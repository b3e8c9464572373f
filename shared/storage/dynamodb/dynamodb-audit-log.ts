import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { actorName, type AuditRecord } from '../../domain/audit.js';
import { ValidationError } from '../../errors.js';
import type { AuditLog, AuditPage, AuditQuery, AuditReader } from '../../ports/audit-log.js';
import { AUDIT_BY_METER, AUDIT_PARTITION_KEY, AUDIT_SORT_KEY } from './table-layout.js';

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const keyTime = (ms: number) => new Date(ms).toISOString();

/** Appends records, each on the condition that its key is new: a record is never overwritten (IAM allows no update). */
export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async append(record: AuditRecord): Promise<void> {
    const { at, ...rest } = record;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          // `at` is the key (time and request id); the record's instant is kept as `time` beside it.
          Item: { ...rest, [AUDIT_PARTITION_KEY]: monthOf(at), [AUDIT_SORT_KEY]: `${keyTime(at)}#${record.requestId}`, time: at, actorName: actorName(record.actor) },
          ConditionExpression: 'attribute_not_exists(#at)',
          ExpressionAttributeNames: { '#at': AUDIT_SORT_KEY },
        }),
      );
    } catch (error) {
      // The same request recorded twice (a retried invocation of one request id): the first record stands.
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }
}

/** Query pages one call reads at most, whatever the filters leave: a sparse filter answers a cursor, not a long wait. */
const MAX_QUERIES_PER_PAGE = 20;

/** Records newest first: a meter's from its index, all of them month by month from the newest; bounded per call. */
export class DynamoDbAuditReader implements AuditReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(query: AuditQuery): Promise<AuditPage> {
    const range = { ':from': keyTime(query.from * 1000), ':to': keyTime(query.to * 1000) };
    const position = query.after === undefined ? undefined : parsePosition(query.after);
    const records: AuditRecord[] = [];
    const actorFilter = query.actor === undefined ? {} : { FilterExpression: 'actorName = :actor', values: { ':actor': query.actor } };
    // Months from the newest the range touches (or where the cursor stopped) back to the oldest.
    const months = query.smartMeterId !== undefined ? [undefined] : monthsDown(query.from, query.to).filter((m) => !position?.month || m <= position.month);
    let start = position?.key;
    let queries = 0;
    for (const month of months) {
      do {
        if (queries++ === MAX_QUERIES_PER_PAGE) return { records, next: encodePosition({ month, key: start }) };
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            ...(month === undefined ? { IndexName: AUDIT_BY_METER.indexName } : {}),
            KeyConditionExpression: '#pk = :pk AND #at BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': month === undefined ? AUDIT_BY_METER.partitionKey : AUDIT_PARTITION_KEY, '#at': AUDIT_SORT_KEY },
            ExpressionAttributeValues: { ':pk': month ?? query.smartMeterId, ...range, ...actorFilter.values },
            ...(actorFilter.FilterExpression && { FilterExpression: actorFilter.FilterExpression }),
            ScanIndexForward: false,
            Limit: query.limit - records.length,
            ExclusiveStartKey: start,
          }),
        );
        records.push(...(page.Items ?? []).map(toRecord));
        start = page.LastEvaluatedKey;
        if (records.length >= query.limit) return { records, next: start ? encodePosition({ month, key: start }) : nextMonth(months, month) };
      } while (start);
    }
    return { records };
  }
}

/** The months (`YYYY-MM`) a range of epoch seconds touches, newest first. */
function monthsDown(from: number, to: number): string[] {
  const months: string[] = [];
  const cursor = new Date(Math.max(from, to - 1) * 1000);
  cursor.setUTCDate(1);
  while (monthOf(cursor.getTime()) >= monthOf(from * 1000)) {
    months.push(monthOf(cursor.getTime()));
    cursor.setUTCMonth(cursor.getUTCMonth() - 1);
  }
  return months;
}

/** After a page that ended exactly at a month's end: the next month down, from its start (none: the last page). */
function nextMonth(months: readonly (string | undefined)[], month: string | undefined): string | undefined {
  const next = months[months.indexOf(month) + 1];
  return next === undefined ? undefined : encodePosition({ month: next });
}

type Position = { month?: string; key?: Record<string, unknown> };
const encodePosition = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');
function parsePosition(after: string): Position {
  try {
    const position = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Position;
    if (position && typeof position === 'object') return position;
  } catch {
    // a cursor is signed before it gets here (page-cursor.ts): this is a bug, not bad input, but answer it as one
  }
  throw new ValidationError('cursor is not one this API gave out: start again without it');
}

function toRecord(item: Record<string, unknown>): AuditRecord {
  const { requestId, actor, operation, route, smartMeterId, pricePlanId, details, outcome, time } = item as unknown as Omit<AuditRecord, 'at'> & { time: number };
  return {
    at: time,
    requestId,
    actor,
    operation,
    route,
    ...(smartMeterId !== undefined && { smartMeterId }),
    ...(pricePlanId !== undefined && { pricePlanId }),
    details,
    outcome,
  };
}
