import type { RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'getMe',
  method: 'GET',
  path: '/me',
  access: { audiences: ['customer'] },
  stores: { accounts: 'list' },
} as const satisfies RouteEntry;
