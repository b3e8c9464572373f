import type { Caller } from '../../shared/domain/authorization.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { accountAnswer } from '../../shared/services/accounts.js';
import type { AccountList } from './docs.js';

/** A page of the caller's accounts: a customer's own meters (what the web app opens on); for an operator, all of them. */
export async function listAccounts(
  deps: { accounts: AccountsStore; now: () => number },
  caller: Caller,
  page: { limit: number; cursor?: string },
): Promise<AccountList> {
  const { accounts, next } =
    caller.kind === 'customer' ? await deps.accounts.ownedBy(caller.sub, page.limit, page.cursor) : await deps.accounts.page(page.limit, page.cursor);
  return { accounts: accounts.map((account) => accountAnswer(account, deps.now())), ...(next !== undefined && { nextCursor: next }) };
}
