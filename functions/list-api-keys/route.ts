import { CUSTOMERS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'listApiKeys',
  method: 'GET',
  path: '/me/api-keys',
  access: CUSTOMERS_ONLY,
  stores: { meterKeys: 'personal-read' },
} as const satisfies RouteEntry;
