import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiGatewayEvent } from '../../local/api-event.js';

/** An API Gateway HTTP API (2.0) event, as the handlers receive it; `body` is sent as JSON, `rawBody` as is. */
export function apiEvent(init: {
  method?: string;
  path?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** What the authorizer established; by default an operator, as the local server's open demo mode says. */
  authorizer?: Record<string, unknown>;
}): APIGatewayProxyEventV2 {
  return apiGatewayEvent({
    ...init,
    path: init.path ?? '/',
    authorizer: init.authorizer ?? { lambda: { caller: 'operator', sub: 'test-operator' } },
    headers: { 'content-type': 'application/json' },
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
}

export function parseResult(result: APIGatewayProxyStructuredResultV2): { status: number; body: unknown } {
  return { status: result.statusCode ?? 200, body: result.body ? JSON.parse(result.body) : undefined };
}

/** The seed document's five example readings (2020-11-29 08:00–08:04 UTC). */
export const SEED_READINGS = [
  { time: 1606636800, reading: 0.0503 },
  { time: 1606636860, reading: 0.0621 },
  { time: 1606636920, reading: 0.0222 },
  { time: 1606636980, reading: 0.0423 },
  { time: 1606637040, reading: 0.0191 },
];
