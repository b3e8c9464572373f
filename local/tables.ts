import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  AUDIT_BY_METER,
  AUDIT_PARTITION_KEY,
  AUDIT_SORT_KEY,
  ACCOUNTS_BY_CUSTOMER,
  ACCOUNTS_PARTITION_KEY,
  METER_KEYS_PARTITION_KEY,
  PRICE_PLANS_PARTITION_KEY,
  PRICE_PLANS_SORT_KEY,
  SUMMARIES_PARTITION_KEY,
  SUMMARIES_SORT_KEY,
  READINGS_PARTITION_KEY,
  READINGS_SORT_KEY,
  type IndexLayout,
  type TableNames,
} from '../shared/storage/dynamodb/table-layout.js';

type KeyType = 'S' | 'N';

const keySchema = (names: readonly string[]) =>
  names.map((AttributeName, i) => ({ AttributeName, KeyType: i === 0 ? ('HASH' as const) : ('RANGE' as const) }));

/**
 * A table keyed by a partition key and, optionally, a sort key (each with its attribute type), with its global
 * secondary indexes (string keys).
 */
function keyedTable(TableName: string, partition: [string, KeyType], sort?: [string, KeyType], indexes: readonly IndexLayout[] = []) {
  const keys = sort ? [partition, sort] : [partition];
  const indexKeys = indexes.flatMap((index) => [index.partitionKey, index.sortKey]).map((name): [string, KeyType] => [name, 'S']);
  const attributes = new Map([...keys, ...indexKeys]);
  return {
    TableName,
    KeySchema: keySchema(keys.map(([name]) => name)),
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema([index.partitionKey, index.sortKey]),
      Projection: index.projectedAttributes ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projectedAttributes] } : { ProjectionType: 'ALL' as const },
    })),
  };
}

/** Creates the product's tables (same keys as the stack) where they do not exist yet. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  const definitions = [
    keyedTable(names.readings, [READINGS_PARTITION_KEY, 'S'], [READINGS_SORT_KEY, 'N']),
    keyedTable(names.accounts, [ACCOUNTS_PARTITION_KEY, 'S'], undefined, [ACCOUNTS_BY_CUSTOMER]),
    keyedTable(names.summaries, [SUMMARIES_PARTITION_KEY, 'S'], [SUMMARIES_SORT_KEY, 'S']),
    keyedTable(names.meterKeys, [METER_KEYS_PARTITION_KEY, 'S']),
    keyedTable(names.pricePlans, [PRICE_PLANS_PARTITION_KEY, 'S'], [PRICE_PLANS_SORT_KEY, 'S']),
    keyedTable(names.audit, [AUDIT_PARTITION_KEY, 'S'], [AUDIT_SORT_KEY, 'S'], [AUDIT_BY_METER]),
  ];
  for (const definition of definitions) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
      // A data folder from before an index existed: add it (DynamoDB Local builds it at once).
      for (const index of definition.GlobalSecondaryIndexes) {
        if (Table?.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === index.IndexName)) continue;
        await client.send(
          new UpdateTableCommand({ TableName: definition.TableName, AttributeDefinitions: definition.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: index }] }),
        );
      }
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      const { GlobalSecondaryIndexes, ...table } = definition;
      await client.send(new CreateTableCommand({ ...table, ...(GlobalSecondaryIndexes.length > 0 && { GlobalSecondaryIndexes }), BillingMode: 'PAY_PER_REQUEST' }));
    }
  }
}
