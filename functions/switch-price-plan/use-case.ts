import { planAt, type Account } from '../../shared/domain/accounts.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { ConflictError, MeterNotFoundError } from '../../shared/errors.js';
import type { AccountAnswer } from '../../shared/http/response-schemas.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { accountAnswer, catalogueEntry } from '../../shared/services/accounts.js';

export interface SwitchPlanDeps {
  accounts: AccountsStore;
  pricePlans: readonly PricePlan[];
  now: () => number;
}

/** Attempts at appending to a history that other switches keep changing, before answering 409. */
const SWITCH_ATTEMPTS = 3;

/**
 * Switches the meter's plan from `from` (default now), starting from the account as read for this request. A switch
 * must start after the last one (409 otherwise); asking for the plan already in force from the same instant changes
 * nothing, so a retried switch is harmless.
 */
export async function switchPricePlan(deps: SwitchPlanDeps, read: Account, pricePlanId: string, from?: number): Promise<AccountAnswer> {
  catalogueEntry(deps.pricePlans, pricePlanId);
  let account: Account | undefined = read;
  for (let attempt = 0; attempt < SWITCH_ATTEMPTS; attempt++) {
    if (attempt > 0) account = await deps.accounts.find(read.smartMeterId);
    if (!account) throw new MeterNotFoundError(read.smartMeterId);
    const last = account.planHistory.at(-1);
    const at = from ?? deps.now();
    if (last && last.pricePlanId === pricePlanId && (from === undefined ? planAt(account, at) === pricePlanId : from === last.from)) {
      return accountAnswer(account, deps.now());
    }
    if (last && at <= last.from) {
      throw new ConflictError(`a switch must start after the last one (to '${last.pricePlanId}' at ${last.from})`);
    }
    if (await deps.accounts.appendPlan(account.smartMeterId, { pricePlanId, from: at }, account.planHistory.length)) {
      return accountAnswer({ ...account, planHistory: [...account.planHistory, { pricePlanId, from: at }] }, deps.now());
    }
  }
  throw new ConflictError('the plan history kept changing while switching: retry');
}
