import * as z from 'zod/mini';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { AccountSchema } from '../../shared/http/response-schemas.js';

export const AccountListSchema = z.object({ accounts: z.array(AccountSchema) });
export type AccountList = z.infer<typeof AccountListSchema>;

export const docs: RouteDocs = {
  summary: "The caller's accounts: a customer's own meters; for an operator, a first page (up to 100) of all.",
  responseSchema: AccountListSchema,
  errorStatuses: [401, 403, 503],
};
