import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** How often a batch's unprocessed requests are sent again (with jittered backoff) before failing loudly. */
const UNPROCESSED_ATTEMPTS = 8;

type WriteRequest = NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string][number];

/**
 * One BatchWriteItem of at most 25 requests to one table, sending again what DynamoDB leaves unprocessed (jittered,
 * growing waits), then throwing: a request is never dropped silently. `what` names the items in the error.
 */
export async function batchWriteAll(client: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[], what: string): Promise<void> {
  let pending = [...requests];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === UNPROCESSED_ATTEMPTS) throw new Error(`${pending.length} ${what} still unprocessed after ${attempt} attempts`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5000, 50 * 2 ** attempt)));
    const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = result.UnprocessedItems?.[tableName] ?? [];
  }
}
