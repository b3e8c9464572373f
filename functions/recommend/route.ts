import * as v from 'valibot';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, integerText, MeterPathSchema, rangeFields } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'recommend',
  method: 'GET',
  path: '/price-plans/recommend/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(v.object({ ...rangeFields, limit: v.optional(integerText('must be a positive integer', 1, 1_000_000_000)) }), fromBeforeTo()),
} as const satisfies RouteEntry;
