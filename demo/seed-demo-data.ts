import { DEMO_ACCOUNTS, newAccount } from '../shared/domain/accounts.js';
import type { Catalogue } from '../shared/domain/price-plans.js';
import type { AccountsStore } from '../shared/ports/accounts-store.js';
import type { ReadingsStore } from '../shared/ports/readings-store.js';
import { demoReadings } from './demo-readings.js';

const MINUTES_PER_WEEK = 7 * 24 * 60;

/** The week of minute readings the demo's meter `index` (0 to 4) is seeded with, ending at `end`. */
export const demoWeek = (index: number, end: number) => demoReadings(index + 1, end, MINUTES_PER_WEEK);

/**
 * Adds the demo accounts that are missing (a switched plan is kept; on a plan of `catalogue` when it lacks theirs), each owned by its demo customer, and, for every demo meter with no readings yet,
 * a week of minute readings ending at `end`. Returns how many meters got readings.
 */
export async function seedDemoData(stores: { accounts: AccountsStore; readings: ReadingsStore }, end: number, catalogue?: Catalogue): Promise<number> {
  let seeded = 0;
  const planIds = catalogue?.pricePlans.map((p) => p.pricePlanId) ?? [];
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    const existing = await stores.accounts.find(account.smartMeterId);
    // A catalogue without the seed's plans (e.g. the example one): the new demo account goes on one of its plans.
    const onKnownPlan = catalogue && !planIds.includes(account.pricePlanId!) ? newAccount(account.smartMeterId, planIds[index % planIds.length], account.customerId, account.kind) : account;
    if (!existing) await stores.accounts.save(onKnownPlan);
    // Accounts from before demo logins existed get their demo customer; a switched plan is kept.
    else if (!existing.customerId) await stores.accounts.save({ ...existing, customerId: account.customerId });
    if ((await stores.readings.listPage(account.smartMeterId, {}, 1)).readings.length > 0) continue;
    await stores.readings.save(account.smartMeterId, demoWeek(index, end));
    seeded++;
  }
  return seeded;
}
