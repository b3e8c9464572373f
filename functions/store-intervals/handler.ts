import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, auditLog, intervalsStore } from '../../shared/runtime.js';
import type { StoredIntervals } from './docs.js';
import { route } from './route.js';

/** POST /readings/intervals: answers once every changed day is written, with what was new and what was replaced. */
export const handler = routeHandler(
  route,
  () => ({ intervals: intervalsStore(), accounts: accountsReader(), audit: auditLog() }),
  async ({ body }, { intervals }) => {
    const saved: StoredIntervals = { smartMeterId: body.smartMeterId, ...(await intervals.save(body.smartMeterId, body.intervals)) };
    return { body: saved };
  },
);
