import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../shared/storage/dynamodb/batch-write.js';
import type { TableNames } from '../shared/storage/dynamodb/table-layout.js';
import { ensureTables } from './tables.js';

type Item = Record<string, unknown>;
/** Every item of every table of a set, by the table's role (readings, accounts, …). */
export type TablesSnapshot = Record<keyof TableNames, Item[]>;

/**
 * A copy of every table of a set, each read whole with Scan (following LastEvaluatedKey): the drill's stand-in for
 * DynamoDB's point-in-time recovery, which AWS does table by table (docs/operations.md, "Restore a table").
 */
export async function snapshotTables(client: DynamoDBDocumentClient, names: TableNames): Promise<TablesSnapshot> {
  const snapshot = {} as TablesSnapshot;
  for (const role of Object.keys(names) as (keyof TableNames)[]) {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: names[role], ConsistentRead: true, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    snapshot[role] = items;
  }
  return snapshot;
}

/**
 * Restores a snapshot into a new table set (made with the stack's keys and indexes), never over the tables it came
 * from: as a point-in-time restore makes new tables, which the stack is then pointed at.
 */
export async function restoreTables(lowLevel: DynamoDBClient, client: DynamoDBDocumentClient, snapshot: TablesSnapshot, names: TableNames): Promise<void> {
  await ensureTables(lowLevel, names);
  for (const role of Object.keys(names) as (keyof TableNames)[]) {
    await batchWriteAll(client, names[role], snapshot[role].map((Item) => ({ PutRequest: { Item } })), `${role} items`);
  }
}
