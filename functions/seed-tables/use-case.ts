import { DEMO_ACCOUNTS, type Account } from '../../shared/domain/accounts.js';
import type { Catalogue } from '../../shared/domain/price-plans.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import type { PricePlansStore } from '../../shared/ports/price-plans-store.js';

export interface SeedTablesDeps {
  pricePlans: Pick<PricePlansStore, 'seed'>;
  accounts: Pick<AccountsStore, 'createIfAbsent'>;
}

export interface SeedResult {
  /** Whether the catalogue was written (false: the table already held one, kept as it is). */
  catalogueSeeded: boolean;
  /** The demo accounts written; those already there were kept as they are. */
  accountsCreated: string[];
}

/**
 * Seeds a new stage's tables and never overwrites: the catalogue only into a table that holds none (each plan by a
 * conditional put, the settings item last), each demo account only where its meter has none. Running it again over
 * live data (a redeploy, `cdk import`, a renamed construct) changes nothing. In AWS the demo accounts have no customer.
 */
export async function seedTables(deps: SeedTablesDeps, { catalogue, demoAccounts }: { catalogue: Catalogue; demoAccounts: boolean }): Promise<SeedResult> {
  const catalogueSeeded = await deps.pricePlans.seed(catalogue);
  const accountsCreated: string[] = [];
  if (demoAccounts) {
    for (const demo of DEMO_ACCOUNTS) {
      const account: Account = { ...demo, customerId: undefined };
      if (await deps.accounts.createIfAbsent(account)) accountsCreated.push(account.smartMeterId);
    }
  }
  return { catalogueSeeded, accountsCreated };
}
