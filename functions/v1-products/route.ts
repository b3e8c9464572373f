import * as v from 'valibot';
import { ANYONE, type RouteEntry } from '../../shared/http/route-entry.js';
import { pagingFields } from '../../shared/http/octopus.js';

export const route = {
  operationId: 'v1Products',
  method: 'GET',
  path: '/v1/products',
  // Public, as Octopus's tariff data is: the catalogue is what every price page shows.
  access: ANYONE,
  octopusCompatible: true,
  stores: { pricePlans: 'read' },
  querySchema: v.object(pagingFields(100, 1500)),
} as const satisfies RouteEntry;
