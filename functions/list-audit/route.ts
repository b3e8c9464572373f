import * as v from 'valibot';
import { auditQueryFields, auditRangeRules } from '../../shared/http/audit-query.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';
import { SmartMeterIdSchema } from '../../shared/http/request-schemas.js';

type Query = { from?: number; to?: number; limit: number; cursor?: string; smartMeterId?: string; actor?: string };

export const route = {
  operationId: 'listAudit',
  method: 'GET',
  path: '/admin/audit',
  access: OPERATORS_ONLY,
  pageCursors: true,
  stores: { audit: 'read' },
  querySchema: v.pipe(
    v.object({
      ...auditQueryFields,
      smartMeterId: v.optional(SmartMeterIdSchema),
      /** A person's `sub` or a machine client's id. */
      actor: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
    }),
    ...auditRangeRules<Query>(),
  ),
} as const satisfies RouteEntry;
