import type { Account } from '../domain/accounts.js';

export interface AccountsStore {
  find(smartMeterId: string): Promise<Account | undefined>;
  save(account: Account): Promise<void>;
  /** Every account (start-up checks and tooling; not for request paths). */
  list(): Promise<Account[]>;
}
