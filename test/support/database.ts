import { inject } from 'vitest';

let endpoint: Promise<string> | undefined;

/** The run's DynamoDB Local, started by the first file that asks (test/support/global-setup.ts); asked once a worker. */
export function dynamoDbEndpoint(): Promise<string> {
  endpoint ??= (async () => {
    const response = await fetch(inject('databaseStarter'), { method: 'POST' });
    const body = (await response.json()) as { endpoint?: string; message?: string };
    if (!response.ok || !body.endpoint) throw new Error(`DynamoDB Local did not start: ${body.message}`);
    return body.endpoint;
  })();
  return endpoint;
}
