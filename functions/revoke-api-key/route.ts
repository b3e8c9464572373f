import * as v from 'valibot';
import { CUSTOMERS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'revokeApiKey',
  method: 'DELETE',
  path: '/me/api-keys/{keyId}',
  access: CUSTOMERS_ONLY,
  stores: { meterKeys: 'personal-manage', audit: 'append' },
  audit: { details: ({ path }) => ({ keyId: (path as { keyId: string }).keyId }) },
  pathSchema: v.object({ keyId: v.pipe(v.string(), v.uuid('must be a key id as listed by GET /me/api-keys')) }),
} as const satisfies RouteEntry;
