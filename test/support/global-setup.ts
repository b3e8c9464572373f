import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.js';

let database: Promise<DynamoDbLocal> | undefined;
let starter: Server | undefined;

/**
 * One in-memory DynamoDB Local for the whole run, started when the first file asks for it (`dynamoDbEndpoint()` in
 * test/support/database.ts), so a run of unit or infra files alone starts no Java. Every test file makes its own
 * uniquely named tables.
 */
export async function setup(project: TestProject): Promise<void> {
  starter = createServer((request, response) => {
    request.resume();
    database ??= startDynamoDbLocal();
    response.setHeader('content-type', 'application/json');
    database.then(
      (started) => response.end(JSON.stringify({ endpoint: started.endpoint })),
      (error: Error) => {
        response.statusCode = 500;
        response.end(JSON.stringify({ message: error.message }));
      },
    );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => starter!.listen(port, '127.0.0.1', resolve));
  project.provide('databaseStarter', `http://127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  await new Promise((resolve) => starter?.close(resolve) ?? resolve(undefined));
  await (await database?.catch(() => undefined))?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a test file asks for the run's DynamoDB Local (started on the first ask). */
    databaseStarter: string;
  }
}
