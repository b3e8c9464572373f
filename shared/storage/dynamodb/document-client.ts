import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/** Attempts per call (first try included). */
const DYNAMODB_MAX_ATTEMPTS = 8;
/** Full-jitter exponential backoff: 50 ms, 100 ms, … capped at 2 s a wait, so 8 attempts fit a 15 s function. */
const BACKOFF_BASE_MS = 50;
const BACKOFF_CAP_MS = 2000;

const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });

/**
 * Retries throttling, transient and server errors with exponential backoff and full jitter, up to 8 attempts, then
 * fails the call. Unlike the SDK's standard strategy it keeps no client-wide retry quota: under sustained
 * throttling that quota runs dry (each success after two or more retries spends more than it refunds) and then no
 * call is retried at all, so a busy partition fails every other request at once. DynamoDB throttling is per
 * partition and passes; each call's retries stay bounded (≤ ~5 s of waits), and API Gateway throttles the callers.
 */
class DynamoDbRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const retries = previous.getRetryCount();
    if (retries + 1 >= DYNAMODB_MAX_ATTEMPTS || errorInfo.errorType === 'CLIENT_ERROR') throw new Error('No retry token available');
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retries)));
    return token(retries + 1);
  }

  recordSuccess(): void {}
}

/** The low-level client; DYNAMODB_ENDPOINT points it at DynamoDB Local (local runs and tests). */
export function createDynamoDbClient(overrides: DynamoDBClientConfig = {}): DynamoDBClient {
  const { dynamoDbEndpoint: endpoint, region } = config();
  const local = endpoint
    ? {
        endpoint,
        region: region ?? 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : {};
  const retry = overrides.maxAttempts === undefined ? { retryStrategy: new DynamoDbRetryStrategy() } : {};
  return new DynamoDBClient({ ...retry, ...local, ...overrides });
}

export function createDocumentClient(client: DynamoDBClient = createDynamoDbClient()): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
