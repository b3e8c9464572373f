import { routeHandler } from '../../shared/http/pipeline.js';
import { subOf } from '../../shared/http/caller.js';
import { auditLog, personalKeysStore } from '../../shared/runtime.js';
import { revokePersonalKey } from '../../shared/services/personal-keys.js';
import { route } from './route.js';

/** DELETE /me/api-keys/{keyId}: the key stops working (at once locally; in AWS once the authorizer's cache expires). */
export const handler = routeHandler(
  route,
  () => ({ keys: personalKeysStore(), audit: auditLog() }),
  async ({ caller, path }, { keys }) => {
    await revokePersonalKey(keys, subOf(caller), path.keyId);
    return { body: { keyId: path.keyId, revoked: true } };
  },
);
