import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema } from '../../shared/http/request-schemas.js';
import { WindowQuerySchema } from '../../shared/http/window-query.js';

export const route = {
  operationId: 'meterCheapestWindow',
  method: 'GET',
  path: '/advice/{smartMeterId}/cheapest-window',
  access: OWNER_OR_OPERATOR,
  stores: { accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: WindowQuerySchema,
} as const satisfies RouteEntry;
