import { config } from '../../shared/config.js';
import { pageCursors } from '../../shared/http/page-cursor.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, meterEnergy } from '../../shared/runtime.js';
import { route } from './route.js';
import { listMeters } from './use-case.js';

/** GET /admin/meters?status&silentFor&cursor: a page of the fleet with each meter's last reading, coverage and status. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), accounts: accountsStore() }),
  async ({ caller, query }, deps) => {
    // A cursor continues the same filtered list: another status or threshold starts again.
    const cursors = pageCursors(config().cursorSecret, route.operationId, caller, { status: query.status, silentFor: query.silentFor });
    const answer = await listMeters(deps, { ...query, cursor: cursors.open(query.cursor) });
    return { body: { ...answer, nextCursor: cursors.seal(answer.nextCursor ?? undefined) ?? null } };
  },
);
