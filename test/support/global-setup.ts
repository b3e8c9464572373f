import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.js';

let database: DynamoDbLocal | undefined;

/** One in-memory DynamoDB Local for the whole run; every test file makes its own uniquely named tables. */
export async function setup(project: TestProject): Promise<void> {
  database = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', database.endpoint);
}

export async function teardown(): Promise<void> {
  await database?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}
