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

/** Creates the product's tables (same keys as the stack) where they do not exist yet. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  const definitions = [
    {
      TableName: names.readings,
      KeySchema: [
        { AttributeName: READINGS_PARTITION_KEY, KeyType: 'HASH' as const },
        { AttributeName: READINGS_SORT_KEY, KeyType: 'RANGE' as const },
      ],
      AttributeDefinitions: [
        { AttributeName: READINGS_PARTITION_KEY, AttributeType: 'S' as const },
        { AttributeName: READINGS_SORT_KEY, AttributeType: 'N' as const },
      ],
    },
    {
      TableName: names.accounts,
      KeySchema: [{ AttributeName: ACCOUNTS_PARTITION_KEY, KeyType: 'HASH' as const }],
      AttributeDefinitions: [{ AttributeName: ACCOUNTS_PARTITION_KEY, AttributeType: 'S' as const }],
    },
    {
      TableName: names.summaries,
      KeySchema: [
        { AttributeName: SUMMARIES_PARTITION_KEY, KeyType: 'HASH' as const },
        { AttributeName: SUMMARIES_SORT_KEY, KeyType: 'RANGE' as const },
      ],
      AttributeDefinitions: [
        { AttributeName: SUMMARIES_PARTITION_KEY, AttributeType: 'S' as const },
        { AttributeName: SUMMARIES_SORT_KEY, AttributeType: 'S' as const },
      ],
    },
    {
      TableName: names.meterKeys,
      KeySchema: [{ AttributeName: METER_KEYS_PARTITION_KEY, KeyType: 'HASH' as const }],
      AttributeDefinitions: [{ AttributeName: METER_KEYS_PARTITION_KEY, AttributeType: 'S' as const }],
    },
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
