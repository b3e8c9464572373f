import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  ACCOUNTS_PARTITION_KEY,
  METER_KEYS_PARTITION_KEY,
  SUMMARIES_PARTITION_KEY,
  SUMMARIES_SORT_KEY,
  READINGS_PARTITION_KEY,
  READINGS_SORT_KEY,
  type TableNames,
} from '../shared/storage/dynamodb/table-layout.js';

type KeyType = 'S' | 'N';

/** A table keyed by a partition key and, optionally, a sort key (each with its attribute type). */
function keyedTable(TableName: string, partition: [string, KeyType], sort?: [string, KeyType]) {
  const keys = sort ? [partition, sort] : [partition];
  return {
    TableName,
    KeySchema: keys.map(([AttributeName], i) => ({ AttributeName, KeyType: i === 0 ? ('HASH' as const) : ('RANGE' as const) })),
    AttributeDefinitions: keys.map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
  };
}

/** Creates the product's tables (same keys as the stack) where they do not exist yet. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  const definitions = [
    keyedTable(names.readings, [READINGS_PARTITION_KEY, 'S'], [READINGS_SORT_KEY, 'N']),
    keyedTable(names.accounts, [ACCOUNTS_PARTITION_KEY, 'S']),
    keyedTable(names.summaries, [SUMMARIES_PARTITION_KEY, 'S'], [SUMMARIES_SORT_KEY, 'S']),
    keyedTable(names.meterKeys, [METER_KEYS_PARTITION_KEY, 'S']),
  ];
  for (const definition of definitions) {
    try {
      await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand({ ...definition, BillingMode: 'PAY_PER_REQUEST' }));
    }
  }
}
