import { config } from '../../shared/config.js';
import type { AuditPageAnswer } from '../../shared/http/audit-schemas.js';
import { pageCursors } from '../../shared/http/page-cursor.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, auditReader, now } from '../../shared/runtime.js';
import { auditPage } from '../../shared/services/audit-trail.js';
import { route } from './route.js';

/** GET /accounts/{smartMeterId}/audit?from&to&limit&cursor: the meter's recorded actions, newest first. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsReader(), audit: auditReader(), now }),
  async ({ caller, path, query }, deps) => {
    const { cursor, limit, from, to } = query;
    const cursors = pageCursors(config().cursorSecret, route.operationId, caller, { smartMeterId: path.smartMeterId, ...(from !== undefined && { from }), ...(to !== undefined && { to }) });
    const page = await auditPage(deps.audit, { from, to, smartMeterId: path.smartMeterId, limit, after: cursors.open(cursor) }, deps.now(), caller.kind === 'customer');
    const body: AuditPageAnswer = { records: page.records, nextCursor: cursors.seal(page.next) ?? null };
    return { body };
  },
);
