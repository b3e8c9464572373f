import { config } from '../../shared/config.js';
import { pageCursors } from '../../shared/http/page-cursor.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, now } from '../../shared/runtime.js';
import { route } from './route.js';
import { listAccounts } from './use-case.js';

/** GET /accounts?limit&cursor: a page of a customer's own meters, or of all meters for an operator. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore(), now }),
  async ({ caller, query }, deps) => {
    const cursors = pageCursors(config().cursorSecret, route.operationId, caller);
    const answer = await listAccounts(deps, caller, { limit: query.limit, cursor: cursors.open(query.cursor) });
    const nextCursor = cursors.seal(answer.nextCursor);
    return { body: { accounts: answer.accounts, ...(nextCursor !== undefined && { nextCursor }) } };
  },
);
