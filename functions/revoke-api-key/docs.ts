import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';

export const RevokedApiKeySchema = v.strictObject({ keyId: v.string(), revoked: v.literal(true) });

export const docs: RouteDocs = {
  summary: 'Revoke one of your personal API keys.',
  description:
    'Locally the key fails at once; in AWS once the authorizer cache expires (at most 300 s, the stage\'s ' +
    '`authorizerCacheSeconds`). A key id that is not one of yours is a 404.',
  responseSchema: RevokedApiKeySchema,
  errorStatuses: [400, 401, 403, 404, 409, 503],
};
