import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, auditLog, lateWrites, readingsStore } from '../../shared/runtime.js';
import { countReadings } from './metrics.js';
import { route } from './route.js';
import { storeReadings } from './use-case.js';

/** POST /readings/store: answers only after every reading is written, echoing the batch as stored. */
export const handler = routeHandler(
  route,
  () => ({ ...lateWrites(), readings: readingsStore(), accounts: accountsReader(), audit: auditLog() }),
  async ({ body }, deps) => {
    await storeReadings(deps, body);
    return { body };
  },
  { afterResponse: countReadings },
);
