import type * as z from 'zod/mini';
import { authorize, checkAudience, type Caller } from '../domain/authorization.js';
import { energyService } from '../runtime.js';
import type { EnergyService } from '../services/energy-service.js';
import { parseOrThrow } from '../validation.js';
import { apiHandler, type ApiEvent, type ApiHandler, type ApiResult } from './api-handler.js';
import { callerOf } from './caller.js';
import { jsonBody } from './request.js';
import { logRequest } from '../observability/log.js';
import { countMetric, flushMetrics, METRIC } from '../observability/metrics.js';
import { routeOf, type OperationId, type RouteDefinition, type RouteTable } from './routes.js';

type Parsed<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

/** What a route's use case receives: path, query and body parsed and typed from the route's own entry. */
export interface RouteInput<R> {
  path: Parsed<R extends { pathSchema: infer S } ? S : undefined>;
  query: Parsed<R extends { querySchema: infer S } ? S : undefined>;
  body: Parsed<R extends { bodySchema: infer S } ? S : undefined>;
  event: ApiEvent;
  caller: Caller;
}

/** Validates an event against a route's declared schemas: the very schemas the OpenAPI document is made from. */
export function parseRouteInput(route: RouteDefinition, event: ApiEvent, caller: Caller = callerOf(event)): RouteInput<RouteDefinition> {
  return {
    path: route.pathSchema ? parseOrThrow(route.pathSchema, event.pathParameters ?? {}) : undefined,
    query: route.querySchema ? parseOrThrow(route.querySchema, event.queryStringParameters ?? {}) : undefined,
    body: route.bodySchema ? parseOrThrow(route.bodySchema, jsonBody(event)) : undefined,
    event,
    caller,
  } as RouteInput<RouteDefinition>;
}

/** Who may do this, decided by the one authorization function from the route's declaration and the caller. */
async function authorizeRoute(route: RouteDefinition, event: ApiEvent, service: EnergyService): Promise<RouteInput<RouteDefinition>> {
  const caller = callerOf(event);
  checkAudience(route.access, caller); // 401/403 before validation: an unknown caller learns nothing of the input rules
  const input = parseRouteInput(route, event, caller);
  const named = route.access.meterFrom === 'body' ? input.body : input.path;
  await authorize(route.access, caller, {
    smartMeterId: (named as { smartMeterId?: string } | undefined)?.smartMeterId,
    bodyFields: input.body && typeof input.body === 'object' ? Object.keys(input.body) : [],
    ownerOf: (smartMeterId) => service.ownerOf(smartMeterId),
  });
  return input;
}

/**
 * A Lambda handler for one route of the table: the function module supplies only its use case; parsing, validation
 * and error mapping come from the route's entry and happen the same way for every route.
 */
export function routeHandler<K extends OperationId>(
  operationId: K,
  useCase: (input: RouteInput<RouteTable[K]>, service: EnergyService) => Promise<ApiResult>,
): ApiHandler {
  const route = routeOf(operationId);
  const inputs = new WeakMap<ApiEvent, RouteInput<RouteDefinition>>(); // requests may overlap on the local server
  const handle = apiHandler(async (event) => {
    const service = energyService();
    const input = await authorizeRoute(route, event, service);
    inputs.set(event, input);
    const result = await useCase(input as unknown as RouteInput<RouteTable[K]>, service);
    return { statusCode: route.successStatus, ...result };
  });
  return async (event) => {
    const started = performance.now();
    const response = await handle(event);
    const status = response.statusCode ?? 200;
    observe(route, event, status, performance.now() - started, inputs.get(event));
    return response;
  };
}

/** Why a request was refused, by its status: the `reason` of the rejection metrics. */
const REFUSALS: Record<number, string> = { 400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'unknown-meter', 409: 'conflict', 413: 'too-large' };

/** One log line and the metrics of every request, whatever its outcome; never a credential or a body. */
function observe(route: RouteDefinition, event: ApiEvent, status: number, latencyMs: number, input?: RouteInput<RouteDefinition>): void {
  const caller = callerOf(event);
  const meter = event.pathParameters?.smartMeterId ?? (caller.kind === 'meter' ? caller.smartMeterId : undefined);
  logRequest({ requestId: event.requestContext.requestId, route: route.operationId, smartMeterId: meter, caller: caller.kind, status, latencyMs: Math.round(latencyMs) });
  const reason = REFUSALS[status];
  if (status === 401 || status === 403) countMetric(METRIC.authorizationDenied, 1, reason);
  if (status === 503) countMetric(METRIC.storageUnavailable);
  if (route.operationId === 'storeReadings') {
    const batch = (input?.body as { electricityReadings?: unknown[] } | undefined)?.electricityReadings;
    const readings = batch ? batch.length : readingsInBody(event); // parsed already, unless it was refused early
    if (status === 200) countMetric(METRIC.readingsStored, readings);
    else if (reason) {
      countMetric(METRIC.batchesRejected, 1, reason);
      countMetric(METRIC.readingsRejected, readings, reason);
    }
  }
  flushMetrics(route.operationId);
}

/** How many readings a store request carried (0 when its body is not a batch). */
function readingsInBody(event: ApiEvent): number {
  try {
    const readings = (jsonBody(event) as { electricityReadings?: unknown }).electricityReadings;
    return Array.isArray(readings) ? readings.length : 0;
  } catch {
    return 0;
  }
}
