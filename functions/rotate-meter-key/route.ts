import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'rotateMeterKey',
  method: 'POST',
  path: '/admin/meters/{smartMeterId}/key',
  // The key store's transaction checks the account exists (404), so no separate read.
  access: { ...OPERATORS_ONLY, scopes: ['meters.manage'] },
  stores: { accounts: 'rekey', meterKeys: 'replace', audit: 'append' },
  // That the key changed, and who changed it: never the key.
  audit: { details: () => ({}) },
  pathSchema: MeterPathSchema,
} as const satisfies RouteEntry;
