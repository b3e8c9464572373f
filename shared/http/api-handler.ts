import { log } from '../observability/log.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, PreconditionRequiredError, UnauthorizedError, UnsupportedMediaTypeError, ValidationError } from '../errors.js';

export interface ApiResult {
  statusCode?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** An answer that is not JSON (a CSV or XML download): sent as it is, with the content type in `headers`. */
  text?: string;
}

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiHandler = (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2>;

const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

const LOST_RACES = new Set(['ConditionalCheckFailedException', 'TransactionConflictException', 'TransactionCanceledException']);

/** The one JSON response helper: handlers, the error mapping and the local server all answer through it. */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A connection to DynamoDB that dropped or timed out on every attempt: an outage, not a bug. */
function isDroppedConnection(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  const name = error instanceof Error ? error.name : '';
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(code ?? '') || name === 'TimeoutError';
}

/** The one place errors become HTTP responses: 4xx for the caller's mistakes, 5xx only for bugs and outages. */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof ValidationError) return jsonResponse(400, { message: error.message });
  if (error instanceof UnauthorizedError) return jsonResponse(401, { message: error.message }, { 'www-authenticate': 'Bearer' });
  if (error instanceof ForbiddenError) return jsonResponse(403, { message: error.message });
  if (error instanceof NotFoundError) return jsonResponse(404, { message: error.message });
  if (error instanceof ConflictError) return jsonResponse(409, { message: error.message });
  if (error instanceof PreconditionRequiredError) return jsonResponse(428, { message: error.message });
  if (error instanceof PayloadTooLargeError) return jsonResponse(413, { message: error.message });
  if (error instanceof UnsupportedMediaTypeError) return jsonResponse(415, { message: error.message }, { accept: 'application/json' });
  const name = error instanceof Error ? error.name : '';
  // A write that lost a race to another one (a condition that no longer held, a conflicting transaction) that no
  // code path handled more precisely: the caller may retry; it is never a fault of ours.
  if (LOST_RACES.has(name)) return jsonResponse(409, { message: 'another request changed the same data at the same time: retry' });
  if (THROTTLING_ERRORS.has(name) || isDroppedConnection(error)) {
    log('warn', 'storage unavailable after retries', { error: name, code: (error as { code?: string }).code });
    return jsonResponse(503, { message: 'The service is busy; this request was not acknowledged. Retry later.' }, { 'retry-after': '1' });
  }
  log('error', 'unhandled error', { error: String(error), stack: (error as Error)?.stack });
  return jsonResponse(500, { message: 'Internal server error' });
}

/** Wraps a handler body that parses, calls the domain and returns a result: JSON, CORS-free, errors mapped. */
export function apiHandler(fn: (event: ApiEvent) => Promise<ApiResult>): ApiHandler {
  return async (event) => {
    try {
      const result = await fn(event);
      if (result.text !== undefined) return { statusCode: result.statusCode ?? 200, headers: result.headers, body: result.text };
      return jsonResponse(result.statusCode ?? 200, result.body, result.headers);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
