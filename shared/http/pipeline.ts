import type * as v from 'valibot';
import type { Account } from '../domain/accounts.js';
import { config } from '../config.js';
import type { AccountsStore } from '../ports/accounts-store.js';
import { authorize, checkAudience, type Caller } from '../domain/authorization.js';
import { MeterNotFoundError } from '../errors.js';
import { log, logRequest } from '../observability/log.js';
import { actorOf, type AuditRecord } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import { countMetric, flushMetrics, METRIC } from '../observability/metrics.js';
import { parseOrThrow, type Schema } from '../validation.js';
import { apiHandler, type ApiEvent, type ApiHandler, type ApiResult } from './api-handler.js';
import { callerOf } from './caller.js';
import { jsonBody, requireJson } from './request.js';
import { requireKind } from '../domain/meter-kinds.js';
import type { AuditDeclaration, RouteEntry } from './route-entry.js';

type Parsed<S> = S extends Schema ? v.InferOutput<S> : undefined;

/**
 * What a route's use case receives: path, query and body parsed and typed from the route's own entry, the caller,
 * and, for a route about one meter, that meter's account (read once, for both the access check and the use case).
 */
export interface RouteInput<R extends RouteEntry = RouteEntry> {
  path: Parsed<R extends { pathSchema: infer S } ? S : undefined>;
  query: Parsed<R extends { querySchema: infer S } ? S : undefined>;
  body: Parsed<R extends { bodySchema: infer S } ? S : undefined>;
  event: ApiEvent;
  caller: Caller;
  account: R extends { access: { meterFrom: 'path' | 'body' } } ? Account : undefined;
}

/** A request's input as parsed, before its types are narrowed to a route's. */
export type ParsedInput = { path: unknown; query: unknown; body: unknown; event: ApiEvent; caller: Caller };

/** Validates an event against a route's declared schemas: the very schemas the OpenAPI document is made from. */
export function parseRouteInput(route: RouteEntry, event: ApiEvent, caller: Caller = callerOf(event)): ParsedInput {
  return {
    path: route.pathSchema ? parseOrThrow(route.pathSchema, event.pathParameters ?? {}) : undefined,
    query: route.querySchema ? parseOrThrow(route.querySchema, event.queryStringParameters ?? {}) : undefined,
    body: route.bodySchema ? parseOrThrow(route.bodySchema, jsonBody(event)) : undefined,
    event,
    caller,
  };
}

/** What happened to one request, told to the hooks after the answer is made. */
export interface RequestOutcome {
  route: RouteEntry;
  event: ApiEvent;
  status: number;
  /** Absent when the request was refused before its input was parsed. */
  input?: ParsedInput;
}

/** Code that runs around every request of a route, instead of special cases in the pipeline (e.g. a route's metrics). */
export interface RouteHooks {
  afterResponse?: (outcome: RequestOutcome) => void;
}

/** A route about one meter (its access rule says where the meter is named) reads that meter's account. */
type AccountsFor<R extends RouteEntry> = R extends { access: { meterFrom: 'path' | 'body' } } ? { accounts: Pick<AccountsStore, 'find'> } : unknown;
/** A recorded route appends to the audit trail. */
type AuditFor<R extends RouteEntry> = R extends { audit: object } ? { audit: AuditLog } : unknown;

/**
 * A Lambda handler for one route: the route's folder supplies its entry, its dependencies and its use case; parsing,
 * validation, authorization, error mapping, the log line and the metrics happen here, the same way for every route.
 */
export function routeHandler<R extends RouteEntry, D extends AccountsFor<R> & AuditFor<R>>(
  route: R,
  /**
   * What the use case works with (stores, catalogue, clock), asked for on each request: the stores themselves are
   * made once and kept while warm (runtime.ts), so this costs a few calls.
   */
  makeDependencies: () => D,
  useCase: (input: RouteInput<R>, dependencies: D) => Promise<ApiResult>,
  hooks: RouteHooks = {},
): ApiHandler {
  config(); // read at the cold start: a malformed variable fails the function's init, naming it, not each request
  const inputs = new WeakMap<ApiEvent, ParsedInput & { account?: Account }>(); // requests may overlap on the local server
  const audits = new WeakMap<ApiEvent, AuditLog>();
  const handle = apiHandler(async (event) => {
    const dependencies = makeDependencies();
    if (route.audit) audits.set(event, (dependencies as { audit: AuditLog }).audit);
    const input = await authorizedInput(route, event, dependencies as { accounts?: Pick<AccountsStore, 'find'> });
    inputs.set(event, input);
    const result = await useCase(input as unknown as RouteInput<R>, dependencies);
    return { statusCode: route.successStatus, ...result };
  });
  return async (event) => {
    const started = performance.now();
    const answered = await handle(event);
    const response = route.octopusCompatible ? inOctopusShape(answered) : answered;
    const outcome = { route, event, status: response.statusCode ?? 200, input: inputs.get(event) };
    // Recorded after the answer is made and before it is sent: a change the caller is told of is in the trail.
    const input = inputs.get(event);
    const trail = audits.get(event);
    if (route.audit && input && trail) await recordAction(trail, route as RouteEntry & { audit: AuditDeclaration }, input, response);
    observe(outcome, performance.now() - started);
    hooks.afterResponse?.(outcome);
    flushMetrics(route.operationId);
    return response;
  };
}

/**
 * Who may do this, decided by the one authorization function from the route's declaration and the caller: 401/403
 * before validation (an unknown caller learns nothing of the input rules), then the input, then the meter's owner.
 */
async function authorizedInput(route: RouteEntry, event: ApiEvent, { accounts }: { accounts?: Pick<AccountsStore, 'find'> }): Promise<ParsedInput & { account?: Account }> {
  const caller = callerOf(event);
  // A public route asks nobody who they are (no authorizer stands in front of it in AWS either).
  if (!route.access.public) checkAudience(route.access, caller);
  if (route.bodySchema) requireJson(event);
  const input = parseRouteInput(route, event, caller);
  if (route.access.public) return input;
  const where = route.access.meterFrom;
  const smartMeterId = where ? ((where === 'body' ? input.body : input.path) as { smartMeterId?: string } | undefined)?.smartMeterId : undefined;
  const account = smartMeterId === undefined ? undefined : await accounts!.find(smartMeterId);
  authorize(route.access, caller, {
    smartMeterId,
    bodyFields: input.body && typeof input.body === 'object' ? Object.keys(input.body) : [],
    owner: account?.customerId,
  });
  if (smartMeterId !== undefined && !account) throw new MeterNotFoundError(smartMeterId);
  if (account && route.meterKind) requireKind(account, route.meterKind.kind, route.meterKind.use);
  return { ...input, account };
}

/** Why a request was refused, by its status: the `reason` of the rejection metrics. */
export const REFUSALS: Record<number, string> = { 400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'unknown-meter', 409: 'conflict', 413: 'too-large', 415: 'not-json' };

/** One log line and the metrics of every request, whatever its outcome; never a credential or a body. */
function observe({ route, event, status }: RequestOutcome, latencyMs: number): void {
  const caller = callerOf(event);
  const meter = event.pathParameters?.smartMeterId ?? (caller.kind === 'meter' ? caller.smartMeterId : undefined);
  logRequest({ requestId: event.requestContext.requestId, route: route.operationId, smartMeterId: meter, caller: caller.kind, status, latencyMs: Math.round(latencyMs) });
  if (status === 401 || status === 403) countMetric(METRIC.authorizationDenied, 1, REFUSALS[status]);
  if (status === 503) countMetric(METRIC.storageUnavailable);
}

/**
 * Appends the audit record of a request the pipeline let through, with its outcome. A meter's own data is not an
 * action. Should the append fail after the change was made, the record goes to the log at ERROR (`auditUnrecorded`,
 * the whole record) and the AuditUnrecorded metric, whose alarm has the runbook put it in the table: never lost.
 */
async function recordAction(trail: AuditLog, route: RouteEntry & { audit: AuditDeclaration }, input: ParsedInput & { account?: Account }, response: Answered): Promise<void> {
  const actor = actorOf(input.caller);
  if (!actor) return;
  const status = response.statusCode ?? 200;
  let parsed: { value: unknown } | undefined;
  const answer = () => (parsed ??= { value: jsonOf(response) }).value;
  const request = { path: input.path, query: input.query, body: input.body, account: input.account, answer };
  // The meter the action is about: read for the request, named in the path, or (onboarding) in the body.
  const named = (part: unknown) => (part && typeof part === 'object' ? (part as { smartMeterId?: unknown }).smartMeterId : undefined);
  const smartMeterId = input.account?.smartMeterId ?? [named(input.path), named(input.body)].find((id): id is string => typeof id === 'string');
  // A route's own picking of essentials must never cost the record: should it fail, the record says so.
  const picked = <T>(pick: () => T): T | { unavailable: string } => {
    try {
      return pick();
    } catch (error) {
      return { unavailable: (error as Error).message };
    }
  };
  const plan = picked(() => route.audit.pricePlanId?.(request));
  const pricePlanId = typeof plan === 'string' ? plan : undefined;
  const message = status >= 300 ? (answer() as { message?: string } | undefined)?.message : undefined;
  const record: AuditRecord = {
    at: Date.now(),
    requestId: input.event.requestContext.requestId,
    actor,
    operation: route.operationId,
    route: `${route.method} ${route.path}`,
    ...(smartMeterId !== undefined && { smartMeterId }),
    ...(pricePlanId !== undefined && { pricePlanId }),
    details: status < 300 ? picked(() => route.audit.details(request)) : {},
    outcome: { status, ...(message !== undefined && { message }) },
  };
  try {
    await trail.append(record);
  } catch (error) {
    log('error', 'auditUnrecorded', { record, error: (error as Error).name });
    countMetric(METRIC.auditUnrecorded);
  }
}

/**
 * An error of the Octopus-compatible read API as Octopus answers it: `{"detail": "…"}`, and a 401 that asks for Basic
 * auth (the personal API key as the username), which is what its clients send.
 */
function inOctopusShape<A extends Answered & { headers?: Record<string, unknown> }>(response: A): A {
  const status = response.statusCode ?? 200;
  if (status < 400) return response;
  const message = (jsonOf(response) as { message?: unknown } | undefined)?.message;
  const headers = status === 401 ? { ...response.headers, 'www-authenticate': 'Basic realm="JOI Energy API"' } : response.headers;
  return { ...response, headers, body: JSON.stringify({ detail: typeof message === 'string' ? message : 'Request failed.' }) };
}

/** An answer as made: its status and (JSON) body. */
type Answered = { statusCode?: number; body?: string };

function jsonOf(response: Answered): unknown {
  try {
    return typeof response.body === 'string' ? JSON.parse(response.body) : undefined;
  } catch {
    return undefined;
  }
}

