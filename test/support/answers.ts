import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as v from 'valibot';
import { ROUTES, type ApiRoute } from '../../functions/routes.js';
import type { ApiHandler } from '../../shared/http/api-handler.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { ErrorSchema, OctopusErrorSchema } from '../../shared/http/response-schemas.js';

type Operation = { responses: Record<string, { content?: { 'application/json'?: { schema: object } } }> };

/** The published document, as `/openapi.json` serves it, and a validator per documented route and status. */
const document = openApiDocument(ROUTES) as { paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = new Map<string, ValidateFunction | null>();

function documentedValidator(route: ApiRoute, status: number): ValidateFunction | null | undefined {
  const key = `${route.operationId} ${status}`;
  if (!validators.has(key)) {
    const response = document.paths[route.path]?.[route.method.toLowerCase()]?.responses[String(status)];
    if (!response) return undefined;
    const schema = response.content?.['application/json']?.schema;
    validators.set(key, schema ? ajv.compile(schema) : null);
  }
  return validators.get(key);
}

/**
 * Why an answer is not what the published OpenAPI document says of its route, or undefined when it is: its status
 * must be documented for the route, and its body must validate (ajv, JSON Schema 2020-12) against that response's
 * schema in the document itself.
 */
export function documentMismatch(route: ApiRoute, status: number, body: unknown): string | undefined {
  const validate = documentedValidator(route, status);
  if (validate === undefined) return `${route.operationId} answered ${status}, a status its OpenAPI document does not list`;
  if (validate === null || validate(body)) return undefined;
  return `${route.operationId} answered ${status} in a shape its OpenAPI document does not allow: ${ajv.errorsText(validate.errors?.slice(0, 3))}`;
}

/**
 * Why an answer does not have its route's one shape, or undefined when it does: the response schema of its docs.ts
 * (for a success; the error shape otherwise) and the published document's response for its status. Every HTTP test's
 * answers pass through this.
 */
export function answerMismatch(route: ApiRoute, result: APIGatewayProxyStructuredResultV2): string | undefined {
  const status = result.statusCode ?? 200;
  const type = String(result.headers?.['content-type'] ?? 'application/json').split(';')[0]!;
  if (type !== 'application/json') {
    // A download (CSV, XML): allowed only where the route documents that media type for a success.
    return status < 400 && route.docs.otherMediaTypes?.[type] ? undefined : `${route.operationId} answered ${status} as ${type}, which its docs do not list`;
  }
  let body: unknown;
  try {
    body = JSON.parse(result.body ?? '');
  } catch {
    return `${route.operationId} answered ${status} with a body that is not JSON`;
  }
  const schema = status < 400 ? route.docs.responseSchema : route.octopusCompatible ? OctopusErrorSchema : ErrorSchema;
  if (!schema) return `${route.operationId} answered ${status} in JSON, but it documents downloads only`;
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) {
    return `${route.operationId} answered ${status} in a shape its schema does not allow: ${parsed.issues
      .slice(0, 3)
      .map((i) => `${v.getDotPath(i) ?? '(root)'} ${i.message}`)
      .join('; ')}`;
  }
  return documentMismatch(route, status, body);
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
