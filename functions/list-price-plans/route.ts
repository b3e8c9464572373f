import { CUSTOMERS_AND_OPERATORS, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'listPricePlans',
  method: 'GET',
  path: '/price-plans',
  access: { ...CUSTOMERS_AND_OPERATORS, scopes: ['prices.publish'] },
  stores: { pricePlans: 'read' },
} as const satisfies RouteEntry;
