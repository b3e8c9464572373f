import { requireIntervalUnit } from '../../shared/domain/meter-kinds.js';
import { unitOf, valueOf } from '../../shared/http/interval-schemas.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, auditLog, intervalsStore } from '../../shared/runtime.js';
import type { StoredIntervals } from './docs.js';
import { route } from './route.js';

/** POST /readings/intervals: answers once every changed day is written, with what was new and what was replaced. */
export const handler = routeHandler(
  route,
  () => ({ intervals: intervalsStore(), accounts: accountsReader(), audit: auditLog() }),
  async ({ account, body }, { intervals }) => {
    // Electricity meters send kWh, gas meters their volume; the store keeps each meter's half hours in its own unit.
    requireIntervalUnit(account, unitOf(body.intervals[0]!));
    const values = body.intervals.map((interval) => ({ start: interval.start, kWh: valueOf(interval) }));
    const saved: StoredIntervals = { smartMeterId: body.smartMeterId, ...(await intervals.save(body.smartMeterId, values)) };
    return { body: saved };
  },
);
