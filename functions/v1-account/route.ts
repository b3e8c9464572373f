import * as v from 'valibot';
import { PERSONAL_KEY_READERS, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'v1Account',
  method: 'GET',
  path: '/v1/accounts/{accountNumber}',
  access: PERSONAL_KEY_READERS,
  octopusCompatible: true,
  stores: { accounts: 'list', pricePlans: 'read' },
  pathSchema: v.object({ accountNumber: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
} as const satisfies RouteEntry;
