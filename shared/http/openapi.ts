import * as z from 'zod/mini';
import { ErrorSchema } from './response-schemas.js';
import { PARAMETER_DOCS, ROUTE_DOCS, type RouteDocs } from './route-docs.js';
import { ROUTES, type OperationId, type RouteDefinition } from './routes.js';

const docsOf = (route: RouteDefinition): RouteDocs => ROUTE_DOCS[route.operationId as OperationId];

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodMiniType): JsonSchema {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete converted.$schema; // OpenAPI 3.1 documents carry no per-schema dialect
  return converted;
}

function parameters(route: RouteDefinition): unknown[] {
  const params: unknown[] = [];
  for (const [where, schema] of [['path', route.pathSchema], ['query', route.querySchema]] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const docs = PARAMETER_DOCS[name];
      // A route may drop an example that would conflict with its other examples (Swagger sends them all together).
      const examples = docsOf(route).parameterExamples;
      const example = examples && name in examples ? examples[name] : docs?.example;
      params.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        ...(docs && { description: docs.description }),
        ...(example !== undefined && { example }),
        schema: property,
      });
    }
  }
  return params;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input: the message names the offending field',
  404: 'Unknown smart meter (no account)',
  409: 'The meter has no (known) price plan',
  413: 'Body larger than 6 MB',
  503: 'Storage busy after retries; nothing was acknowledged, retry later',
};

/**
 * The OpenAPI 3.1 document, generated from the route table and its schemas. It names no server: clients resolve paths
 * against wherever they fetched it from (never a Host header echoed back).
 */
export function openApiDocument(routes: readonly RouteDefinition[] = ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: jsonSchema(ErrorSchema) } };
  for (const route of routes) {
    const docs = docsOf(route);
    const responses: Record<string, unknown> = {
      [route.successStatus ?? 200]: {
        description: route.successStatus === 201 ? 'Created' : 'OK',
        content: { 'application/json': { schema: jsonSchema(docs.responseSchema) } },
        ...(docs.responseHeaders && {
          headers: Object.fromEntries(
            Object.entries(docs.responseHeaders).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
          ),
        }),
      },
    };
    for (const status of docs.errorStatuses) responses[status] = { description: STATUS_TEXT[status], content: errorContent };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: docs.summary,
      ...(docs.description && { description: docs.description }),
      parameters: parameters(route),
      ...(route.bodySchema && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(route.bodySchema), example: docs.bodyExample } },
        },
      }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'JOI Energy API',
      version: '1.0.0',
      description: 'Smart meters store power readings (kW); customers read usage, compare price plans and get a recommendation.',
    },
    paths,
  };
}
