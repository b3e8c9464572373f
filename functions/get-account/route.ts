import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'getAccount',
  method: 'GET',
  path: '/accounts/{smartMeterId}',
  access: { ...OWNER_OR_OPERATOR, scopes: ['meters.manage'] },
  stores: { accounts: 'read' },
  pathSchema: MeterPathSchema,
} as const satisfies RouteEntry;
