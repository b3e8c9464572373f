import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema, RangeQuerySchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'comparePairs',
  method: 'GET',
  path: '/price-plans/compare-pairs/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: RangeQuerySchema,
} as const satisfies RouteEntry;
