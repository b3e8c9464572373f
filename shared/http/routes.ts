import type * as z from 'zod/mini';
import {
  ErrorSchema,
  MeterPathSchema,
  PlanComparisonSchema,
  PlanCostEntriesSchema,
  ReadingsArraySchema,
  RecommendQuerySchema,
} from './api-schemas.js';
import { ReadingsBatchSchema } from '../domain/readings.js';

/**
 * The single source of truth for the API's routes: the CDK stack, the local server and the OpenAPI document are all
 * built from this table (tests fail on drift).
 */
export interface RouteDefinition {
  /** Stable id: the OpenAPI operationId and the base of the Lambda's construct id. */
  operationId: string;
  method: 'GET' | 'POST';
  /** API Gateway path syntax: {name} is a path parameter. */
  path: string;
  /** Module in functions/ (without extension) exporting `handler`. */
  handler: string;
  /** What the function may do to the readings table; accounts are only ever read. */
  readingsAccess: 'read' | 'write';
  summary: string;
  pathSchema?: z.ZodMiniType;
  querySchema?: z.ZodMiniType;
  bodySchema?: z.ZodMiniType;
  responseSchema: z.ZodMiniType;
  errorStatuses: number[];
}

export const ERROR_SCHEMA = ErrorSchema;

export const ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'storeReadings',
    method: 'POST',
    path: '/readings/store',
    handler: 'store-readings',
    readingsAccess: 'write',
    summary: 'Store a batch of power readings from a smart meter; answers once all are written, echoing the batch.',
    bodySchema: ReadingsBatchSchema,
    responseSchema: ReadingsBatchSchema,
    errorStatuses: [400, 404, 413, 503],
  },
  {
    operationId: 'readReadings',
    method: 'GET',
    path: '/readings/read/{smartMeterId}',
    handler: 'read-readings',
    readingsAccess: 'read',
    summary: "A meter's readings, ascending by time.",
    pathSchema: MeterPathSchema,
    responseSchema: ReadingsArraySchema,
    errorStatuses: [400, 404],
  },
  {
    operationId: 'compareAllPricePlans',
    method: 'GET',
    path: '/price-plans/compare-all/{smartMeterId}',
    handler: 'compare-all',
    readingsAccess: 'read',
    summary: "The meter's current plan and the cost of its usage under every plan, cheapest first.",
    pathSchema: MeterPathSchema,
    responseSchema: PlanComparisonSchema,
    errorStatuses: [400, 404],
  },
  {
    operationId: 'recommendPricePlans',
    method: 'GET',
    path: '/price-plans/recommend/{smartMeterId}',
    handler: 'recommend',
    readingsAccess: 'read',
    summary: 'The cheapest plans for the meter\'s usage, at most `limit` of them.',
    pathSchema: MeterPathSchema,
    querySchema: RecommendQuerySchema,
    responseSchema: PlanCostEntriesSchema,
    errorStatuses: [400, 404],
  },
];
