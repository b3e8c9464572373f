import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, auditLog, lateWrites, readingsStore } from '../../shared/runtime.js';
import { route } from './route.js';
import { deleteReadings } from './use-case.js';

/** DELETE /admin/meters/{smartMeterId}/readings?from&to: removes bad readings, a bounded amount per call. */
export const handler = routeHandler(
  route,
  () => ({ ...lateWrites(), readings: readingsStore(), accounts: accountsReader(), audit: auditLog() }),
  async ({ path, query }, deps) => ({ body: await deleteReadings(deps, path.smartMeterId, query) }),
);
