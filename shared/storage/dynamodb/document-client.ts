import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Attempts per call (first try included): the SDK backs off exponentially with jitter between them. */
const DYNAMODB_MAX_ATTEMPTS = 8;

/** The low-level client; DYNAMODB_ENDPOINT points it at DynamoDB Local (local runs and tests). */
export function createDynamoDbClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const local = endpoint
    ? {
        endpoint,
        region: process.env.AWS_REGION ?? 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : {};
  return new DynamoDBClient({ maxAttempts: DYNAMODB_MAX_ATTEMPTS, retryMode: 'standard', ...local, ...config });
}

export function createDocumentClient(client: DynamoDBClient = createDynamoDbClient()): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
