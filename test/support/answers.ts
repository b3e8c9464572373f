import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as v from 'valibot';
import type { ApiRoute } from '../../functions/routes.js';
import type { ApiHandler } from '../../shared/http/api-handler.js';
import { ErrorSchema } from '../../shared/http/response-schemas.js';

/**
 * Why an answer does not have its route's one shape (the response schema of its docs.ts for a success, the error
 * shape otherwise), or undefined when it does. Every HTTP test's answers pass through this.
 */
export function answerMismatch(route: ApiRoute, result: APIGatewayProxyStructuredResultV2): string | undefined {
  const status = result.statusCode ?? 200;
  let body: unknown;
  try {
    body = JSON.parse(result.body ?? '');
  } catch {
    return `${route.operationId} answered ${status} with a body that is not JSON`;
  }
  const schema = status < 400 ? route.docs.responseSchema : ErrorSchema;
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return undefined;
  return `${route.operationId} answered ${status} in a shape its schema does not allow: ${parsed.issues
    .slice(0, 3)
    .map((i) => `${v.getDotPath(i) ?? '(root)'} ${i.message}`)
    .join('; ')}`;
}

/** The local server's hook: an answer of the wrong shape becomes a 500 naming what is wrong, so the test fails. */
export function checkAnswer(route: ApiRoute, result: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const mismatch = answerMismatch(route, result);
  return mismatch ? { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: mismatch }) } : result;
}

/** A handler whose every answer is checked against its route's schema (for tests that invoke handlers directly). */
export function checked(route: ApiRoute, handler: ApiHandler): ApiHandler {
  return async (event) => checkAnswer(route, await handler(event));
}
