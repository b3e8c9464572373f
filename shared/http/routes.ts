import type * as z from 'zod/mini';
import type { AccessRule } from '../domain/authorization.js';
import {
  CompareQuerySchema,
  DeleteReadingsQuerySchema,
  MeterPathSchema,
  OnboardMeterSchema,
  ReadingsQuerySchema,
  RecommendQuerySchema,
  SwitchPlanSchema,
  UsageCostQuerySchema,
  UsageQuerySchema,
} from './api-schemas.js';
import { ReadingsBatchSchema } from '../domain/readings.js';

/**
 * The single source of truth for the API's routes: the CDK stack, the local server, the OpenAPI document and every
 * handler's validation are all built from this table (tests fail on drift). What only the documentation needs
 * (summaries, descriptions, examples, response schemas, error statuses) sits beside it in route-docs.ts, keyed and
 * type-checked by the same operation ids, so that it stays out of the function bundles.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: {name} is a path parameter. */
  path: string;
  /** Module in functions/ (without extension) exporting `handler`. */
  handler: string;
  /** What the function may do to the readings table. */
  readingsAccess: 'read' | 'write' | 'delete' | 'none';
  /** What the function does with stored summaries: nothing, mark days a late write touches, or read and make them. */
  summariesAccess: 'none' | 'mark' | 'use';
  /** What the function may do to accounts: read them, list them (by owner, or a page), switch a plan, or create accounts and keys. */
  accountsAccess: 'read' | 'list' | 'switch' | 'keys';
  /** Who may call it: the authorization function and the stack's authorizer both follow this. */
  access: AccessRule;
  /** What the request must be: validated by the handler and documented in OpenAPI from the same objects. */
  pathSchema?: z.ZodMiniType;
  querySchema?: z.ZodMiniType;
  bodySchema?: z.ZodMiniType;
  /** The status of a success (default 200). */
  successStatus?: number;
}

/** A route of the table with its stable id: the OpenAPI operationId and the base of the Lambda's construct id. */
export interface RouteDefinition extends RouteSpec {
  operationId: string;
}

/** A meter for its own readings, or an operator. */
const METERS: AccessRule = { audiences: ['meter', 'operator'], meterFrom: 'body' };
/** A customer for their own meter, or an operator for any. */
const CUSTOMERS: AccessRule = { audiences: ['customer', 'operator'], meterFrom: 'path' };
const OPERATORS: AccessRule = { audiences: ['operator'] };

const ROUTE_TABLE = {
  storeReadings: {
    method: 'POST',
    path: '/readings/store',
    handler: 'store-readings',
    readingsAccess: 'write',
    summariesAccess: 'mark',
    accountsAccess: 'read',
    access: METERS,
    bodySchema: ReadingsBatchSchema,
  },
  readReadings: {
    method: 'GET',
    path: '/readings/read/{smartMeterId}',
    handler: 'read-readings',
    readingsAccess: 'read',
    summariesAccess: 'none',
    accountsAccess: 'read',
    access: CUSTOMERS,
    pathSchema: MeterPathSchema,
    querySchema: ReadingsQuerySchema,
  },
  compareAllPricePlans: {
    method: 'GET',
    path: '/price-plans/compare-all/{smartMeterId}',
    handler: 'compare-all',
    readingsAccess: 'read',
    summariesAccess: 'use',
    accountsAccess: 'read',
    access: CUSTOMERS,
    pathSchema: MeterPathSchema,
    querySchema: CompareQuerySchema,
  },
  recommendPricePlans: {
    method: 'GET',
    path: '/price-plans/recommend/{smartMeterId}',
    handler: 'recommend',
    readingsAccess: 'read',
    summariesAccess: 'use',
    accountsAccess: 'read',
    access: CUSTOMERS,
    pathSchema: MeterPathSchema,
    querySchema: RecommendQuerySchema,
  },
  priceSavings: {
    method: 'GET',
    path: '/price-plans/savings/{smartMeterId}',
    handler: 'savings',
    readingsAccess: 'read',
    summariesAccess: 'use',
    accountsAccess: 'read',
    access: CUSTOMERS,
    pathSchema: MeterPathSchema,
  },
  usageByPeriod: {
    method: 'GET',
    path: '/usage/{smartMeterId}',
    handler: 'usage',
    readingsAccess: 'read',
    summariesAccess: 'use',
    accountsAccess: 'read',
    access: CUSTOMERS,
    pathSchema: MeterPathSchema,
    querySchema: UsageQuerySchema,
  },
  usageCost: {
    method: 'GET',
    path: '/usage/{smartMeterId}/cost',
    handler: 'usage-cost',
    readingsAccess: 'read',
    summariesAccess: 'use',
    accountsAccess: 'read',
    access: CUSTOMERS,
    pathSchema: MeterPathSchema,
    querySchema: UsageCostQuerySchema,
  },
  deleteReadings: {
    method: 'DELETE',
    path: '/admin/meters/{smartMeterId}/readings',
    handler: 'delete-readings',
    readingsAccess: 'delete',
    summariesAccess: 'mark',
    accountsAccess: 'read',
    access: OPERATORS,
    pathSchema: MeterPathSchema,
    querySchema: DeleteReadingsQuerySchema,
  },
  listAccounts: {
    method: 'GET',
    path: '/accounts',
    handler: 'list-accounts',
    readingsAccess: 'none',
    summariesAccess: 'none',
    accountsAccess: 'list',
    // A customer gets their own meters, an operator a first page of all: no meter is named, so none is checked.
    access: { audiences: ['customer', 'operator'] },
  },
  getAccount: {
    method: 'GET',
    path: '/accounts/{smartMeterId}',
    handler: 'get-account',
    readingsAccess: 'none',
    summariesAccess: 'none',
    accountsAccess: 'read',
    access: CUSTOMERS,
    pathSchema: MeterPathSchema,
  },
  switchPricePlan: {
    method: 'PUT',
    path: '/accounts/{smartMeterId}/price-plan',
    handler: 'switch-price-plan',
    readingsAccess: 'none',
    summariesAccess: 'none',
    accountsAccess: 'switch',
    access: { ...CUSTOMERS, operatorOnlyFields: ['from'] },
    pathSchema: MeterPathSchema,
    bodySchema: SwitchPlanSchema,
  },
  onboardMeter: {
    method: 'POST',
    path: '/admin/meters',
    handler: 'onboard-meter',
    readingsAccess: 'none',
    summariesAccess: 'none',
    accountsAccess: 'keys',
    access: OPERATORS,
    successStatus: 201,
    bodySchema: OnboardMeterSchema,
  },
  rotateMeterKey: {
    method: 'POST',
    path: '/admin/meters/{smartMeterId}/key',
    handler: 'rotate-meter-key',
    readingsAccess: 'none',
    summariesAccess: 'none',
    accountsAccess: 'keys',
    access: OPERATORS,
    pathSchema: MeterPathSchema,
  },
} satisfies Record<string, RouteSpec>;


/** The route table, by operation id: what a function module names to get its route's typed input. */
export type RouteTable = typeof ROUTE_TABLE;
export type OperationId = keyof RouteTable;

export function routeOf(operationId: OperationId): RouteDefinition {
  return { operationId, ...ROUTE_TABLE[operationId] };
}

export const ROUTES: readonly RouteDefinition[] = (Object.keys(ROUTE_TABLE) as OperationId[]).map(routeOf);

/**
 * Which API Gateway authorizer guards a route: meters' routes the meter-key (Lambda) authorizer, every other route
 * API Gateway's JWT authorizer. The stack and the local server both follow this.
 */
export function authorizerOf(route: RouteDefinition): 'meter-key' | 'access-token' {
  return route.access.audiences.includes('meter') ? 'meter-key' : 'access-token';
}
