import { toJsonSchema } from '@valibot/to-json-schema';
import type { Schema } from '../validation.js';
import { ErrorSchema, OctopusErrorSchema } from './response-schemas.js';
import { RESOURCE_SERVER } from '../domain/authorization.js';
import type { RouteEntry } from './route-entry.js';

/** What the OpenAPI document says of a route beyond its request schemas (which live in its entry). */
export interface RouteDocs {
  /** One line for lists of operations. */
  summary: string;
  /** The details, where one line is not enough. */
  description?: string;
  /** An example request body (the seed document's, for the store). */
  bodyExample?: unknown;
  /** The answer's one shape: its OpenAPI response, the source of the use case's result type, checked by the HTTP tests (absent: a download only, see otherMediaTypes). */
  responseSchema?: Schema;
  /** Response headers worth documenting (name → description). */
  responseHeaders?: Record<string, string>;
  errorStatuses: number[];
  /** Media types the route may answer instead of JSON (e.g. `text/csv` for `?format=csv`), with what they hold. */
  otherMediaTypes?: Record<string, string>;
  /** Success statuses besides the route's own, with the same answer (e.g. 201 when a PUT created what it names). */
  otherSuccess?: Record<number, string>;
  /** Parameter examples that differ from PARAMETER_DOCS for this route (e.g. none, where they would conflict). */
  parameterExamples?: Record<string, string | undefined>;
}

/** A route with its documentation, as functions/routes.ts assembles them. */
export type DocumentedRoute = RouteEntry & { docs: RouteDocs };

/** Every route about one meter checks its caller (401, 403), the input (400), the meter (404) and reads DynamoDB (503). */
export const METER_ROUTE_ERRORS = [400, 401, 403, 404, 503];

/** What both cheapest-window routes answer (a plan's, and a meter's plan's). */
export const WINDOW_DESCRIPTION =
  'Searches the half hours inside [from, to) (UTC :00/:30; default: now to 24 h later; at most 7 days) for `duration` ' +
  'seconds of use (whole half hours, default 3600). `continuous`: the contiguous run with the lowest average rate ' +
  '(ties: the earliest). `intermittent`: the cheapest half hours anywhere (ties: the earliest), in time order. ' +
  'Rates are unit rates with VAT, by the engine that prices costs (versions, bands, multipliers, published prices). ' +
  '`maxRate` uses only half hours at or below it; too few: `not_enough_slots` with what fits. A half hour without a ' +
  'published price answers `rates_incomplete` and names it in `missing`: never a guess. `rank=carbon` ranks by ' +
  'carbon intensity, `cost-then-carbon` by rate with ties broken by intensity (never rate × intensity); a half hour ' +
  'without intensity then answers `intensity_incomplete`. `cost` prices `kWh` (default 1) spread evenly over the slots.';

/** Descriptions and examples of every parameter, by name, for the OpenAPI document. */
const PARAMETER_DOCS: Record<string, { description: string; example: string }> = {
  smartMeterId: { description: 'The smart meter', example: 'smart-meter-0' },
  pricePlanId: { description: 'The price plan', example: 'price-plan-0' },
  from: { description: 'Start of the range, epoch seconds, inclusive', example: '1606608000' },
  to: { description: 'End of the range, epoch seconds, exclusive', example: '1606694400' },
  limit: { description: 'How many items at most', example: '2' },
  groupBy: { description: 'Calendar period to group energy by (default day)', example: 'day' },
  tz: { description: 'IANA time zone the calendar periods follow (default Europe/London)', example: 'Europe/London' },
  period: { description: 'A relative period: the previous calendar week, or the 7 days before today', example: 'last-week' },
  at: { description: 'Evaluate the relative period at this instant (epoch seconds) instead of now', example: '1606780800' },
  duration: { description: 'Seconds of use, whole half hours (a multiple of 1800)', example: '3600' },
  mode: { description: 'continuous (one run) or intermittent (the best half hours anywhere)', example: 'continuous' },
  rank: { description: 'cost, carbon, or cost-then-carbon (rate, ties by intensity)', example: 'cost' },
  maxRate: { description: 'Only half hours at or below this unit rate (VAT included; may be negative)', example: '15' },
  kWh: { description: 'Energy to place, spread evenly over the chosen half hours (default 1)', example: '2' },
};

type JsonSchema = Record<string, unknown>;

/** A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as a client sends it: before any transformation. */
function jsonSchema(schema: Schema): JsonSchema {
  const converted = toJsonSchema(schema, { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' }) as JsonSchema;
  delete converted.$schema; // OpenAPI 3.1 documents carry no per-schema dialect
  return converted;
}

function parameters(route: DocumentedRoute): unknown[] {
  const params: unknown[] = [];
  for (const [where, schema] of [['path', route.pathSchema], ['query', route.querySchema]] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const docs = PARAMETER_DOCS[name];
      // A route may drop an example that would conflict with its other examples (Swagger sends them all together).
      const examples = route.docs.parameterExamples;
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
  401: 'No credential, or one that was refused (expired, tampered, revoked): `WWW-Authenticate: Bearer`',
  403: 'The caller may not do this (another meter, another customer, an operator-only route or field)',
  404: 'Unknown smart meter (no account)',
  409: 'The meter has no (known) price plan',
  413: 'Body larger than 6 MB',
  428: 'The change names no version: send If-Match with the ETag read',
  415: 'The body is not declared as `application/json`',
  503: 'Storage busy after retries; nothing was acknowledged, retry later',
};

/**
 * The OpenAPI 3.1 document, generated from the route table and its schemas. It names no server: clients resolve paths
 * against wherever they fetched it from (never a Host header echoed back).
 */
export function openApiDocument(routes: readonly DocumentedRoute[], options: { serverUrl?: string } = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: jsonSchema(ErrorSchema) } };
  const octopusErrorContent = { 'application/json': { schema: jsonSchema(OctopusErrorSchema) } };
  for (const route of routes) {
    const { docs } = route;
    const responses: Record<string, unknown> = {
      [route.successStatus ?? 200]: {
        description: route.successStatus === 201 ? 'Created' : 'OK',
        content: {
          ...(docs.responseSchema && { 'application/json': { schema: jsonSchema(docs.responseSchema) } }),
          ...Object.fromEntries(Object.entries(docs.otherMediaTypes ?? {}).map(([type, description]) => [type, { schema: { type: 'string', description } }])),
        },
        ...(docs.responseHeaders && {
          headers: Object.fromEntries(
            Object.entries(docs.responseHeaders).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
          ),
        }),
      },
    };
    for (const [status, description] of Object.entries(docs.otherSuccess ?? {})) {
      responses[status] = { description, content: { 'application/json': { schema: jsonSchema(docs.responseSchema!) } } };
    }
    // A route that takes a body can also answer 413 (over 6 MB) and 415 (not declared JSON).
    const errorStatuses = [...new Set([...docs.errorStatuses, ...(route.bodySchema ? [413, 415] : [])])].sort();
    // The /v1/ read API answers errors as Octopus does: `{"detail"}`.
    const content = route.octopusCompatible ? octopusErrorContent : errorContent;
    for (const status of errorStatuses) responses[status] = { description: STATUS_TEXT[status], content };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: docs.summary,
      security: securityOf(route),
      ...(docs.description && { description: docs.description }),
      // A supplier's system (client-credentials token) may call it with one of these scopes.
      ...(route.access.scopes && { 'x-machine-scopes': route.access.scopes.map((scope) => `${RESOURCE_SERVER}/${scope}`) }),
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
      license: { name: 'Proprietary: JOI Energy', identifier: 'LicenseRef-JOI-Energy-Proprietary' },
      description:
        'Smart meters store power readings (kW); customers read usage, compare price plans and get a recommendation. ' +
        'Each operation names the credential it takes (`Authorization: Bearer …`): a meter key, an access token, or either. ' +
        'The local `npm start` (open demo mode) takes none; `AUTH=on npm start` and the deployed API enforce them.',
    },
    ...(options.serverUrl && { servers: [{ url: options.serverUrl, description: 'Where this document was served from (set by configuration, never from a request)' }] }),
    paths,
    components: {
      securitySchemes: {
        [METER_KEY]: { type: 'http', scheme: 'bearer', description: "The meter's key (`jm_…`), issued when it is onboarded or its key rotated" },
        [PERSONAL_KEY]: {
          type: 'http',
          scheme: 'basic',
          description: 'A personal API key (`jp_…`, POST /me/api-keys) as the username with an empty password (`curl -u "$KEY:"`): read-only, accepted only under /v1/',
        },
        [ACCESS_TOKEN]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A customer's or an operator's access token from the sign-in (Cognito; the local issuer with AUTH=on), or a supplier system's client-credentials token, which may call the operations whose `x-machine-scopes` name one of its scopes",
        },
      },
    },
  };
}

const METER_KEY = 'meterKey';
const PERSONAL_KEY = 'personalApiKey';
const ACCESS_TOKEN = 'accessToken';

/** How an operation is authenticated, from its access rule: a meter's key, an access token, or either. */
function securityOf(route: DocumentedRoute): Record<string, string[]>[] {
  const { audiences } = route.access;
  return [
    ...(audiences.includes('meter') ? [{ [METER_KEY]: [] }] : []),
    ...(audiences.includes('personal') ? [{ [PERSONAL_KEY]: [] }] : []),
    ...(audiences.some((a) => a === 'customer' || a === 'operator') ? [{ [ACCESS_TOKEN]: [] }] : []),
  ];
}
