import { CUSTOMERS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'getMe',
  method: 'GET',
  path: '/me',
  access: CUSTOMERS_ONLY,
  stores: { accounts: 'list' },
} as const satisfies RouteEntry;
