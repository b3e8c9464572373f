import { routeHandler } from '../../shared/http/pipeline.js';
import { subOf } from '../../shared/http/caller.js';
import { personalKeysStore } from '../../shared/runtime.js';
import { listPersonalKeys } from '../../shared/services/personal-keys.js';
import { route } from './route.js';

/** GET /me/api-keys: the signed-in customer's personal API keys, never their secrets. */
export const handler = routeHandler(
  route,
  () => ({ keys: personalKeysStore() }),
  async ({ caller }, { keys }) => ({ body: await listPersonalKeys(keys, subOf(caller)) }),
);
