import { config } from '../../shared/config.js';
import type { AuditPageAnswer } from '../../shared/http/audit-schemas.js';
import { pageCursors } from '../../shared/http/page-cursor.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { auditReader, now } from '../../shared/runtime.js';
import { auditPage } from '../../shared/services/audit-trail.js';
import { route } from './route.js';

/** GET /admin/audit?from&to&smartMeterId&actor&limit&cursor: the trail, newest first (operators). */
export const handler = routeHandler(
  route,
  () => ({ audit: auditReader(), now }),
  async ({ caller, query }, deps) => {
    const { cursor, limit, ...filters } = query;
    const cursors = pageCursors(config().cursorSecret, route.operationId, caller, Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as Record<string, string | number>);
    const page = await auditPage(deps.audit, { ...filters, limit, after: cursors.open(cursor) }, deps.now());
    const body: AuditPageAnswer = { records: page.records, nextCursor: cursors.seal(page.next) ?? null };
    return { body };
  },
);
