import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  ACCOUNTS_BY_CUSTOMER_INDEX,
  ACCOUNTS_BY_CUSTOMER_PROJECTION,
  ACCOUNTS_CUSTOMER_KEY,
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
    {
      ...keyedTable(names.accounts, [ACCOUNTS_PARTITION_KEY, 'S']),
      AttributeDefinitions: [
        { AttributeName: ACCOUNTS_PARTITION_KEY, AttributeType: 'S' as const },
        { AttributeName: ACCOUNTS_CUSTOMER_KEY, AttributeType: 'S' as const },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: ACCOUNTS_BY_CUSTOMER_INDEX,
          KeySchema: [
            { AttributeName: ACCOUNTS_CUSTOMER_KEY, KeyType: 'HASH' as const },
            { AttributeName: ACCOUNTS_PARTITION_KEY, KeyType: 'RANGE' as const },
          ],
          Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: ACCOUNTS_BY_CUSTOMER_PROJECTION },
        },
      ],
    },
    keyedTable(names.summaries, [SUMMARIES_PARTITION_KEY, 'S'], [SUMMARIES_SORT_KEY, 'S']),
    keyedTable(names.meterKeys, [METER_KEYS_PARTITION_KEY, 'S']),
  ];
  for (const definition of definitions) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
      // A data folder from before an index existed: add it (DynamoDB Local builds it at once).
      for (const index of 'GlobalSecondaryIndexes' in definition ? definition.GlobalSecondaryIndexes : []) {
        if (Table?.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === index.IndexName)) continue;
        await client.send(
          new UpdateTableCommand({ TableName: definition.TableName, AttributeDefinitions: definition.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: index }] }),
        );
      }
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand({ ...definition, BillingMode: 'PAY_PER_REQUEST' }));
    }
  }
}
