import type { PersonalKeyOwner } from './personal-keys-store.js';
import type { Account, PlanPeriodStart } from '../domain/accounts.js';

/** One page of accounts; `next` (opaque) continues after it, absent on the last page. */
export interface AccountsPage {
  accounts: Account[];
  next?: string;
}

export interface AccountsStore {
  find(smartMeterId: string): Promise<Account | undefined>;
  /** Creates or replaces an account (seeding and tooling), leaving its key as it is. */
  save(account: Account): Promise<void>;
  /** Creates an account only when the meter has none (a seed never overwrites live data); resolves whether it did. */
  createIfAbsent(account: Account): Promise<boolean>;
  /** A page of a customer's accounts (their meters), at most `limit`, by meter id, after the page `after` ended. */
  ownedBy(customerId: string, limit: number, after?: string): Promise<AccountsPage>;
  /** A page of all accounts, at most `limit` (in storage order; sorted by meter id within the page), after `after`. */
  page(limit: number, after?: string): Promise<AccountsPage>;
  /** Every account (start-up checks and tooling; not for request paths). */
  list(): Promise<Account[]>;
  /**
   * Creates a meter's account and its key together; rejects with ConflictError when the meter exists. An export
   * meter's account (`importMeterId`) is linked to its import meter in the same write, only while that meter is an
   * import meter of the same customer with no export meter (ConflictError otherwise): both or neither.
   */
  create(account: Account, keyHash: string): Promise<void>;
  /** Gives the meter a new key; the old one stops working. Rejects with MeterNotFoundError when there is no account. */
  replaceKey(smartMeterId: string, keyHash: string): Promise<void>;
  /**
   * Appends a plan switch, only if the history still has `expectedLength` entries (two concurrent switches never
   * both land on the same history); resolves false when it changed meanwhile.
   */
  appendPlan(smartMeterId: string, entry: PlanPeriodStart, expectedLength: number): Promise<boolean>;
  /** Appends switches to several meters (a household's pair) in one transaction, each on its own condition: all or none. */
  appendPlans(switches: readonly PlanSwitch[]): Promise<boolean>;
}

/** A switch to append to a meter's history, on the condition that the history still has `expectedLength` entries. */
export interface PlanSwitch {
  smartMeterId: string;
  entry: PlanPeriodStart;
  expectedLength: number;
}

/** What the meter-key authorizer needs: one read, from a key's SHA-256 to its meter, or to a personal key's owner. */
export interface MeterKeyLookup {
  meterOfKey(keyHash: string): Promise<string | undefined>;
  personalKeyOf(keyHash: string): Promise<PersonalKeyOwner | undefined>;
}
