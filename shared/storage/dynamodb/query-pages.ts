import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { READINGS_PARTITION_KEY } from './table-layout.js';

/** A meter's first (or last) item of the readings table: one small Query, however long its history. */
export async function edgeItem(client: DynamoDBDocumentClient, tableName: string, smartMeterId: string, first: boolean, consistent = true): Promise<Record<string, unknown> | undefined> {
  const { Items } = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': READINGS_PARTITION_KEY },
      ExpressionAttributeValues: { ':pk': smartMeterId },
      ScanIndexForward: first,
      Limit: 1,
      ConsistentRead: consistent,
    }),
  );
  return Items?.[0];
}

/** A Query's items, one page at a time, following LastEvaluatedKey until there is none. */
export async function* queryPages(client: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>[]> {
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: exclusiveStartKey }));
    yield page.Items ?? [];
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
}
