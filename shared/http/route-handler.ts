import type * as z from 'zod/mini';
import { energyService } from '../runtime.js';
import type { EnergyService } from '../services/energy-service.js';
import { parseOrThrow } from '../validation.js';
import { apiHandler, type ApiEvent, type ApiHandler, type ApiResult } from './api-handler.js';
import { jsonBody } from './request.js';
import { routeOf, type OperationId, type RouteDefinition, type RouteTable } from './routes.js';

type Parsed<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

/** What a route's use case receives: path, query and body parsed and typed from the route's own entry. */
export interface RouteInput<R> {
  path: Parsed<R extends { pathSchema: infer S } ? S : undefined>;
  query: Parsed<R extends { querySchema: infer S } ? S : undefined>;
  body: Parsed<R extends { bodySchema: infer S } ? S : undefined>;
  event: ApiEvent;
}

/** Validates an event against a route's declared schemas: the very schemas the OpenAPI document is made from. */
export function parseRouteInput(route: RouteDefinition, event: ApiEvent): RouteInput<RouteDefinition> {
  return {
    path: route.pathSchema ? parseOrThrow(route.pathSchema, event.pathParameters ?? {}) : undefined,
    query: route.querySchema ? parseOrThrow(route.querySchema, event.queryStringParameters ?? {}) : undefined,
    body: route.bodySchema ? parseOrThrow(route.bodySchema, jsonBody(event)) : undefined,
    event,
  } as RouteInput<RouteDefinition>;
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
  return apiHandler(async (event) => useCase(parseRouteInput(route, event) as unknown as RouteInput<RouteTable[K]>, energyService()));
}
