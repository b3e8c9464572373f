import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';

export const NewApiKeySchema = v.strictObject({
  keyId: v.string(),
  /** The key itself (`jp_…`): shown this once, kept only as a hash. */
  apiKey: v.string(),
  /** When it was made (epoch seconds). */
  createdAt: v.number(),
});
export type NewApiKey = v.InferOutput<typeof NewApiKeySchema>;

export const docs: RouteDocs = {
  summary: 'Make a personal API key (customers): read-only, for the Octopus-compatible read API under /v1/.',
  description:
    'The key is answered once and kept only as its SHA-256. Send it as HTTP Basic auth with the key as the username and ' +
    'an empty password (`curl -u "$KEY:" …/v1/accounts/{accountNumber}/`). It reads only your own meters and the public ' +
    'tariffs, and only under /v1/: anywhere else it is a 401. At most 5 keys at once (409 past that: revoke one first).',
  responseSchema: NewApiKeySchema,
  errorStatuses: [401, 403, 409, 503],
};
