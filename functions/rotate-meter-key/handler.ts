import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, auditLog } from '../../shared/runtime.js';
import { rotateMeterKey } from '../../shared/services/meter-keys.js';
import { route } from './route.js';

/** POST /admin/meters/{smartMeterId}/key: a new key for the meter; the old one stops working. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore(), audit: auditLog() }),
  async ({ path }, { accounts }) => ({ body: await rotateMeterKey(accounts, path.smartMeterId) }),
);
