import type { RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'listAccounts',
  method: 'GET',
  path: '/accounts',
  // A customer gets their own meters, an operator a first page of all: no meter is named, so none is checked.
  access: { audiences: ['customer', 'operator'] },
  stores: { accounts: 'list' },
} as const satisfies RouteEntry;
