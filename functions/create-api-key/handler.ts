import { routeHandler } from '../../shared/http/pipeline.js';
import { auditLog, now, personalKeysStore } from '../../shared/runtime.js';
import { createPersonalKey } from '../../shared/services/personal-keys.js';
import { subOf } from '../../shared/http/caller.js';
import { route } from './route.js';

/** POST /me/api-keys: a new personal API key for the signed-in customer, shown this once. */
export const handler = routeHandler(
  route,
  () => ({ keys: personalKeysStore(), audit: auditLog() }),
  async ({ caller }, { keys }) => ({ body: await createPersonalKey(keys, subOf(caller), now()) }),
);
