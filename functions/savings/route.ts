import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'savings',
  method: 'GET',
  path: '/price-plans/savings/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
} as const satisfies RouteEntry;
