import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { AccountSchema } from '../../shared/http/response-schemas.js';

export const AccountListSchema = v.strictObject({
  accounts: v.array(AccountSchema),
  /** Present when more accounts remain: pass it as `cursor` for the next page. */
  nextCursor: v.optional(v.string()),
});
export type AccountList = v.InferOutput<typeof AccountListSchema>;

export const docs: RouteDocs = {
  summary: "The caller's accounts, a page at a time: a customer's own meters; for an operator, all of them.",
  description:
    'At most `limit` (1–100, default 100) accounts per page. When more remain the answer holds `nextCursor`: send it ' +
    'back as `cursor` for the next page. A cursor is opaque; one this API did not give out is refused (400). An ' +
    "operator's pages follow storage order and are sorted by meter id within each page.",
  responseSchema: AccountListSchema,
  errorStatuses: [400, 401, 403, 503],
};
