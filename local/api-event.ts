import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface ApiEventInit {
  method?: string;
  path: string;
  /** The route's path template, e.g. /readings/read/{smartMeterId}; defaults to the path. */
  routePath?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  /** The query string exactly as sent (default: made from `query`), as API Gateway passes it in `rawQueryString`. */
  rawQuery?: string;
  headers?: Record<string, string>;
  body?: string;
  sourceIp?: string;
  /** What API Gateway's authorizer established, as it appears at `requestContext.authorizer`. */
  authorizer?: Record<string, unknown>;
}

/**
 * The HTTP API (payload format 2.0) event API Gateway sends a Lambda: built by the local server for every request,
 * and by tests and benchmarks that invoke handlers directly.
 */
export function apiGatewayEvent(init: ApiEventInit): APIGatewayProxyEventV2 {
  const method = init.method ?? 'GET';
  const routeKey = `${method} ${init.routePath ?? init.path}`;
  const headers = init.headers ?? {};
  const query = init.query && Object.keys(init.query).length > 0 ? init.query : undefined;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: init.path,
    rawQueryString: init.rawQuery ?? new URLSearchParams(query ?? {}).toString(),
    headers,
    ...(query && { queryStringParameters: query }),
    ...(init.pathParameters && Object.keys(init.pathParameters).length > 0 && { pathParameters: init.pathParameters }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: init.path,
        protocol: 'HTTP/1.1',
        sourceIp: init.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(init.authorizer && { authorizer: init.authorizer }),
    },
    body: init.body === '' ? undefined : init.body,
    isBase64Encoded: false,
  };
}
