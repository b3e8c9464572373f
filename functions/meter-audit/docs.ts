import { AuditPageSchema } from '../../shared/http/audit-schemas.js';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

export const docs: RouteDocs = {
  summary: "What was done to a meter (its owner, or operators): switches, key rotations, deletions, newest first.",
  description:
    "The audit trail's records about this meter, as GET /admin/audit answers them, over [from, to) (default the last " +
    '30 days, at most 366). Its owner sees who acted by kind (an operator, a supplier system) and their own actions ' +
    'with their sub; operators see every actor. Pass `nextCursor` back as `cursor`.',
  responseSchema: AuditPageSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
