import { isoTime } from '../../shared/domain/time.js';
import type { Account } from '../../shared/domain/accounts.js';
import { ConflictError, MeterNotFoundError, ValidationError } from '../../shared/errors.js';
import type { AccountAnswer } from '../../shared/http/response-schemas.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { accountAnswer, catalogueEntry } from '../../shared/services/accounts.js';

export interface SwitchPlanDeps {
  accounts: AccountsStore;
  pricePlans: PricePlansReader;
  now: () => number;
}

/** Attempts at appending to a history that other switches keep changing, before answering 409. */
const SWITCH_ATTEMPTS = 3;

/**
 * How far ahead an operator may date a switch: 31 days, a billing month. A switch further ahead would hold every
 * switch of the customer's own (each must start after the last) until then.
 */
export const MAX_SWITCH_AHEAD_SECONDS = 31 * 86_400;


/**
 * Switches the meter's plan from `from` (default now), starting from the account as read for this request. A switch
 * must start after the last one (409 otherwise); asking for the plan already in force from then on changes nothing
 * (a retried switch, or a backdated switch to the plan the meter was already on), so a retry is harmless.
 */
export async function switchPricePlan(deps: SwitchPlanDeps, read: Account, pricePlanId: string, from?: number): Promise<AccountAnswer> {
  await catalogueEntry(deps.pricePlans, pricePlanId);
  if (from !== undefined && from > deps.now() + MAX_SWITCH_AHEAD_SECONDS) {
    throw new ValidationError(`from may be at most 31 days ahead (until ${isoTime(deps.now() + MAX_SWITCH_AHEAD_SECONDS)}), not ${isoTime(from)}`);
  }
  let account: Account | undefined = read;
  for (let attempt = 0; attempt < SWITCH_ATTEMPTS; attempt++) {
    if (attempt > 0) account = await deps.accounts.find(read.smartMeterId);
    if (!account) throw new MeterNotFoundError(read.smartMeterId);
    const last = account.planHistory.at(-1);
    const at = from ?? deps.now();
    // The plan already in force from `at` on (the last switch's, nothing after it): nothing changes, and no entry is
    // added that would hold later backdated switches.
    if (last && last.pricePlanId === pricePlanId && at >= last.from) return accountAnswer(account, deps.now());
    if (last && at <= last.from) {
      if (from !== undefined) throw new ConflictError(`from must be after the last switch (to '${last.pricePlanId}' at ${isoTime(last.from)})`);
      if (last.from > at) throw new ConflictError(`a switch to '${last.pricePlanId}' is scheduled for ${isoTime(last.from)}: no other switch can start before it`);
      throw new ConflictError(`the plan was switched to '${last.pricePlanId}' a moment ago (${isoTime(last.from)}): switch again in a second`);
    }
    if (await deps.accounts.appendPlan(account.smartMeterId, { pricePlanId, from: at }, account.planHistory.length)) {
      return accountAnswer({ ...account, planHistory: [...account.planHistory, { pricePlanId, from: at }] }, deps.now());
    }
  }
  throw new ConflictError('the plan history kept changing while switching: retry');
}
