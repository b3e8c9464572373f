import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../../concurrency.js';

/** Requests per BatchWriteItem call: DynamoDB's limit. */
const BATCH_WRITE_LIMIT = 25;

/** How often a batch's unprocessed requests are sent again (with jittered backoff) before failing loudly. */
const UNPROCESSED_ATTEMPTS = 8;

type WriteRequest = NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string][number];

/**
 * Writes every request to one table, 25 to a BatchWriteItem with at most `concurrency` calls in flight, each sending
 * again what DynamoDB leaves unprocessed (jittered, growing waits), then throwing: a request is never dropped silently.
 * `what` names the items in the error.
 */
export async function batchWriteAll(client: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[], what: string, concurrency = 1): Promise<void> {
  const calls: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) calls.push(requests.slice(i, i + BATCH_WRITE_LIMIT));
  await forEachLimited(calls, concurrency, (call) => batchWriteOne(client, tableName, call, what));
}

/** One BatchWriteItem, its unprocessed requests sent again until none is left, or thrown after the last attempt. */
async function batchWriteOne(client: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[], what: string): Promise<void> {
  let pending = [...requests];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === UNPROCESSED_ATTEMPTS) throw new Error(`${pending.length} ${what} still unprocessed after ${attempt} attempts`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5000, 50 * 2 ** attempt)));
    const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = result.UnprocessedItems?.[tableName] ?? [];
  }
}
