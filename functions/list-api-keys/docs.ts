import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';

export const ApiKeyListSchema = v.strictObject({
  /** Oldest first; never a key's secret. */
  keys: v.array(v.strictObject({ keyId: v.string(), createdAt: v.number() })),
});
export type ApiKeyList = v.InferOutput<typeof ApiKeyListSchema>;

export const docs: RouteDocs = {
  summary: "The signed-in customer's personal API keys (ids and when each was made; never a secret).",
  responseSchema: ApiKeyListSchema,
  errorStatuses: [401, 403, 503],
};
