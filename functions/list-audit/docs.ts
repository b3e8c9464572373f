import { AuditPageSchema } from '../../shared/http/audit-schemas.js';
import type { RouteDocs } from '../../shared/http/openapi.js';

export const docs: RouteDocs = {
  summary: 'The audit trail (operators): every recorded action, newest first, a page at a time.',
  description:
    'Every state-changing request an operator, a customer or a machine client was let make (meters storing their own ' +
    'readings are data, not actions) is recorded once, whatever its outcome: who, what, which meter or plan, when, ' +
    'the essentials and the status. A request refused before it was let through (401, 403, or invalid input) is not ' +
    'recorded: the access log has it. Filters: [from, to) in epoch seconds (default the last 30 days, at most 366), ' +
    '`smartMeterId`, `actor` (a sub or a client id). Pass `nextCursor` back as `cursor`; a page may be short of ' +
    '`limit` yet have a cursor when filters leave few records.',
  responseSchema: AuditPageSchema,
  errorStatuses: [400, 401, 403, 503],
};
