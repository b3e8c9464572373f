import { CUSTOMERS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'createApiKey',
  method: 'POST',
  path: '/me/api-keys',
  access: CUSTOMERS_ONLY,
  stores: { meterKeys: 'personal-manage', audit: 'append' },
  // Which key was made, and by whom: never the key.
  audit: { details: ({ answer }) => ({ keyId: (answer() as { keyId?: string } | undefined)?.keyId }) },
  successStatus: 201,
} as const satisfies RouteEntry;
