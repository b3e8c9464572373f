import type { Caller } from '../../shared/domain/authorization.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { accountAnswer } from '../../shared/services/accounts.js';
import type { AccountList } from './docs.js';

/** Most accounts one listing returns (an operator's demo picker; customers own a handful). */
export const MAX_LISTED_ACCOUNTS = 100;

/** A customer's own meters (what the web app opens on); for an operator (and the open demo), a first page of all. */
export async function listAccounts(deps: { accounts: AccountsStore; now: () => number }, caller: Caller): Promise<AccountList> {
  const accounts =
    caller.kind === 'customer' ? await deps.accounts.ownedBy(caller.sub, MAX_LISTED_ACCOUNTS) : await deps.accounts.firstPage(MAX_LISTED_ACCOUNTS);
  return { accounts: accounts.map((account) => accountAnswer(account, deps.now())) };
}
