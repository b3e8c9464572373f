import * as z from 'zod/mini';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, integerText, MeterPathSchema, rangeFields } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'recommend',
  method: 'GET',
  path: '/price-plans/recommend/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: z.object({ ...rangeFields, limit: z.optional(integerText('must be a positive integer', 1, 1_000_000_000)) }).check(fromBeforeTo),
} as const satisfies RouteEntry;
