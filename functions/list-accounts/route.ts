import * as v from 'valibot';
import type { RouteEntry } from '../../shared/http/route-entry.js';
import { integerText } from '../../shared/http/request-schemas.js';

/** Most accounts one page holds (an operator's picker; customers own a handful). */
export const MAX_ACCOUNTS_PAGE = 100;

export const route = {
  operationId: 'listAccounts',
  method: 'GET',
  path: '/accounts',
  // A customer gets their own meters, an operator all of them, a page at a time: no meter is named, so none is checked.
  access: { audiences: ['customer', 'operator'], scopes: ['meters.manage'] },
  pageCursors: true,
  stores: { accounts: 'list' },
  querySchema: v.object({
    limit: v.optional(integerText('must be a whole number from 1 to 100', 1, MAX_ACCOUNTS_PAGE), String(MAX_ACCOUNTS_PAGE)),
    cursor: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2048))),
  }),
} as const satisfies RouteEntry;
