import type { Account, MeterKind } from '../domain/accounts.js';
import type { AccessRule } from '../domain/authorization.js';
import type { Schema } from '../validation.js';

/**
 * What a function may do to each table, declared once in its route's entry: the stack grants exactly these actions
 * and sets only these tables' names in the function's environment, and the bundle test fails when a function's bundle
 * holds a store it is not granted.
 */
export interface StoreGrants {
  readings?: 'read' | 'write' | 'delete' | 'replace';
  /** Mark the days a late write touches, or read and make summaries. */
  summaries?: 'mark' | 'use';
  /** Read an account, list them (by owner, or a page), switch a plan, create one (onboarding), or replace its key. */
  accounts?: 'read' | 'list' | 'switch' | 'create' | 'rekey';
  /**
   * Put a new key item (onboarding), or put one and delete the old (rotation), in one transaction with the account;
   * or a customer's personal API keys: read their list, or make and revoke them.
   */
  meterKeys?: 'create' | 'replace' | 'personal-read' | 'personal-manage';
  /** Read the catalogue and published prices, or change plans and publish prices. */
  pricePlans?: 'read' | 'write';
  /** Append audit records (never change one), or read them. */
  audit?: 'append' | 'read';
}

/** What a recorded request's essentials are picked from: its parsed input, its meter's account and its answer. */
export interface AuditedRequest {
  path: unknown;
  query: unknown;
  body: unknown;
  account?: Account;
  /** The answer's JSON body (undefined when not JSON), parsed only when asked for. */
  answer: () => unknown;
}

/**
 * A state-changing route: the pipeline appends one audit record for each request it let through (an operator's, a
 * customer's or a machine client's; a meter's own readings are data, not actions), whatever the outcome. `details`
 * picks the request's essentials: never a key or a token. The route's stores say `audit: 'append'`.
 */
export interface AuditDeclaration {
  details: (request: AuditedRequest) => Record<string, unknown>;
  /** The plan the action is about, when it is about one. */
  pricePlanId?: (request: AuditedRequest) => string | undefined;
}

/**
 * One route of the API, declared in its own folder (`functions/<kebab-case of operationId>/route.ts`): the stack, the
 * local server, OpenAPI and the bench read it through `functions/routes.ts`; its handler reads it directly.
 */
export interface RouteEntry {
  /** The route's one name: the OpenAPI operationId; its folder and construct ids are derived from it. */
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: {name} is a path parameter. */
  path: string;
  /** Who may call it: the authorization function and the stack's authorizers both follow this. */
  access: AccessRule;
  stores: StoreGrants;
  /** What the request must be: validated by the handler and documented in OpenAPI from the same objects. */
  pathSchema?: Schema;
  querySchema?: Schema;
  bodySchema?: Schema;
  /** The status of a success (default 200). */
  successStatus?: number;
  /** It answers page cursors, signed with the deployment's CURSOR_SECRET (the stack gives it to these routes only). */
  pageCursors?: true;
  /**
   * The kind of meter whose data the route takes (`store`) or answers (`read`): the pipeline answers a meter of the
   * other kind with a 409 naming its kind and its own route (shared/domain/meter-kinds.ts).
   */
  meterKind?: { kind: MeterKind; use: 'store' | 'read' };
  audit?: AuditDeclaration;
  /**
   * A route of the Octopus-compatible read API (/v1/): errors answer `{"detail"}` as Octopus's do, and a 401 asks for
   * Basic auth (a personal API key). Its paths answer with and without a trailing slash.
   */
  octopusCompatible?: true;
}

/** The folder of a route under functions/: its operationId in kebab case (compareAll → compare-all). */
export function folderOf(operationId: string): string {
  return operationId.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A meter for its own readings, or an operator. */
export const METER_OR_OPERATOR = { audiences: ['meter', 'operator'], meterFrom: 'body' } as const satisfies AccessRule;
/** The customer who owns the meter named in the path, or an operator (for any meter). */
export const OWNER_OR_OPERATOR = { audiences: ['customer', 'operator'], meterFrom: 'path' } as const satisfies AccessRule;
/** Operators only, about the meter named in the path. */
export const OPERATOR_FOR_METER = { audiences: ['operator'], meterFrom: 'path' } as const satisfies AccessRule;
export const OPERATORS_ONLY = { audiences: ['operator'] } as const satisfies AccessRule;
/** Anyone, signed in or not: the route reads nobody's data and stores nothing (see AccessRule.public). */
export const ANYONE = { audiences: [], public: true } as const satisfies AccessRule;
/**
 * The Octopus-compatible read API: a customer's personal API key (Basic), or a signed-in customer or operator. The
 * use case reaches only the caller's own meters (another's is a 404, as if it did not exist).
 */
export const PERSONAL_KEY_READERS = { audiences: ['personal', 'customer', 'operator'] } as const satisfies AccessRule;
/** A signed-in customer, about themselves (their account, their personal API keys): an operator has no meters of their own. */
export const CUSTOMERS_ONLY = { audiences: ['customer'] } as const satisfies AccessRule;
/** Any signed-in customer or operator, about no meter in particular (the price plans everyone may see). */
export const CUSTOMERS_AND_OPERATORS = { audiences: ['customer', 'operator'] } as const satisfies AccessRule;

/**
 * Which API Gateway authorizer guards a route: routes that take a key (a meter's, or a personal API key) the
 * meter-key (Lambda) authorizer, public routes none, every other route API Gateway's JWT authorizer. The stack and the
 * local server both follow this.
 */
export function authorizerOf(route: RouteEntry): 'meter-key' | 'access-token' | 'none' {
  if (route.access.public) return 'none';
  return route.access.audiences.some((audience) => audience === 'meter' || audience === 'personal') ? 'meter-key' : 'access-token';
}
