import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema, RangeQuerySchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'compareDual',
  method: 'GET',
  path: '/price-plans/compare-dual/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  // The price plans table holds the calorific values too: the gas meter's volumes are converted with them.
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: RangeQuerySchema,
} as const satisfies RouteEntry;
