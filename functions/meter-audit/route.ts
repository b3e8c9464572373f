import * as v from 'valibot';
import { auditQueryFields, auditRangeRules } from '../../shared/http/audit-query.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema } from '../../shared/http/request-schemas.js';

type Query = { from?: number; to?: number; limit: number; cursor?: string };

export const route = {
  operationId: 'meterAudit',
  method: 'GET',
  path: '/accounts/{smartMeterId}/audit',
  access: OWNER_OR_OPERATOR,
  pageCursors: true,
  stores: { accounts: 'read', audit: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(v.object(auditQueryFields), ...auditRangeRules<Query>()),
} as const satisfies RouteEntry;
