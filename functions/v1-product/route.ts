import * as v from 'valibot';
import { ANYONE, type RouteEntry } from '../../shared/http/route-entry.js';
import { octopusTimeText } from '../../shared/http/octopus.js';

export const route = {
  operationId: 'v1Product',
  method: 'GET',
  path: '/v1/products/{productCode}',
  access: ANYONE,
  octopusCompatible: true,
  stores: { pricePlans: 'read' },
  pathSchema: v.object({ productCode: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) }),
  querySchema: v.object({ tariffs_active_at: v.optional(octopusTimeText()) }),
} as const satisfies RouteEntry;
