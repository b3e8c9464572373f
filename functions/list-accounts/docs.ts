import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { AccountSchema } from '../../shared/http/response-schemas.js';

export const AccountListSchema = v.object({ accounts: v.array(AccountSchema) });
export type AccountList = v.InferOutput<typeof AccountListSchema>;

export const docs: RouteDocs = {
  summary: "The caller's accounts: a customer's own meters; for an operator, a first page (up to 100) of all.",
  responseSchema: AccountListSchema,
  errorStatuses: [401, 403, 503],
};
