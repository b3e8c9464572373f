import { isoTime } from '../../shared/domain/time.js';
import { linkedMeterOf, type Account, type PlanPeriodStart } from '../../shared/domain/accounts.js';
import { pairAllowed } from '../../shared/domain/plan-pairs.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { ConflictError, MeterNotFoundError, ValidationError } from '../../shared/errors.js';
import type { AccountAnswer } from '../../shared/http/response-schemas.js';
import type { AccountsStore, PlanSwitch } from '../../shared/ports/accounts-store.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { accountAnswer, planForMeter } from '../../shared/services/accounts.js';

export interface SwitchPlanDeps {
  accounts: AccountsStore;
  pricePlans: PricePlansReader;
  now: () => number;
}

/** What a switch asks for: the meter's plan, and for a solar household's import meter optionally its export plan too. */
export interface SwitchRequest {
  pricePlanId: string;
  /** The export meter's new plan, switched in the same transaction as the import meter's: both or neither. */
  exportPricePlanId?: string;
  from?: number;
}

/** Attempts at appending to a history that other switches keep changing, before answering 409. */
const SWITCH_ATTEMPTS = 3;

/**
 * How far ahead an operator may date a switch: 31 days, a billing month. A switch further ahead would hold every
 * switch of the customer's own (each must start after the last) until then.
 */
export const MAX_SWITCH_AHEAD_SECONDS = 31 * 86_400;

/**
 * The entry a switch to `pricePlanId` at `at` appends to the meter's history, or undefined when that plan is already
 * in force from `at` on (a retried switch, or a backdated switch to the plan the meter was already on). A switch must
 * start after the last one (409 otherwise, saying why).
 */
function nextEntry(account: Account, pricePlanId: string, at: number, dated: boolean): PlanPeriodStart | undefined {
  const last = account.planHistory.at(-1);
  if (last && last.pricePlanId === pricePlanId && at >= last.from) return undefined;
  if (last && at <= last.from) {
    if (dated) throw new ConflictError(`from must be after the last switch of ${account.smartMeterId} (to '${last.pricePlanId}' at ${isoTime(last.from)})`);
    if (last.from > at) throw new ConflictError(`a switch to '${last.pricePlanId}' is scheduled for ${isoTime(last.from)}: no other switch can start before it`);
    throw new ConflictError(`the plan was switched to '${last.pricePlanId}' a moment ago (${isoTime(last.from)}): switch again in a second`);
  }
  return { pricePlanId, from: at };
}

/** 409 unless the household's export plan (after the switch) is sold with its import plan (after the switch). */
async function requirePairAllowed(deps: SwitchPlanDeps, importPlanId: string | undefined, exportPlanId: string | undefined): Promise<void> {
  if (importPlanId === undefined || exportPlanId === undefined) return;
  const exportPlan: PricePlan | undefined = (await deps.pricePlans.catalogue()).pricePlans.find((p) => p.pricePlanId === exportPlanId);
  if (exportPlan && !pairAllowed(exportPlan, importPlanId)) {
    throw new ConflictError(
      `export plan '${exportPlanId}' is sold only with import plan ${exportPlan.requiresImport!.join(' or ')}, not '${importPlanId}': switch both together (PUT /accounts/{importMeterId}/price-plan with pricePlanId and exportPricePlanId)`,
    );
  }
}

/**
 * Switches the meter's plan from `from` (default now), starting from the account as read for this request; with
 * `exportPricePlanId`, its export meter's plan too, in one transaction. Asking for what is already in force changes
 * nothing, so a retry is harmless. A household's export plan stays one sold with its import plan (409 otherwise).
 */
export async function switchPricePlan(deps: SwitchPlanDeps, read: Account, request: SwitchRequest): Promise<AccountAnswer> {
  const { pricePlanId, exportPricePlanId, from } = request;
  await planForMeter(deps.pricePlans, pricePlanId, read);
  if (exportPricePlanId !== undefined) {
    if (read.direction !== 'import' || read.exportMeterId === undefined) throw new ConflictError(`meter ${read.smartMeterId} has no export meter: exportPricePlanId switches a solar household's pair`);
    await planForMeter(deps.pricePlans, exportPricePlanId, { direction: 'export', fuel: read.fuel }, 'exportPricePlanId');
  }
  if (from !== undefined && from > deps.now() + MAX_SWITCH_AHEAD_SECONDS) {
    throw new ValidationError(`from may be at most 31 days ahead (until ${isoTime(deps.now() + MAX_SWITCH_AHEAD_SECONDS)}), not ${isoTime(from)}`);
  }
  let account: Account | undefined = read;
  for (let attempt = 0; attempt < SWITCH_ATTEMPTS; attempt++) {
    if (attempt > 0) account = await deps.accounts.find(read.smartMeterId);
    if (!account) throw new MeterNotFoundError(read.smartMeterId);
    const partnerId = linkedMeterOf(account);
    const partner = partnerId === undefined ? undefined : await deps.accounts.find(partnerId);
    const at = from ?? deps.now();
    const partnerPlan = exportPricePlanId ?? partner?.planHistory.at(-1)?.pricePlanId;
    await requirePairAllowed(deps, account.direction === 'import' ? pricePlanId : partnerPlan, account.direction === 'import' ? partnerPlan : pricePlanId);
    const switches: PlanSwitch[] = [];
    const own = nextEntry(account, pricePlanId, at, from !== undefined);
    if (own) switches.push({ smartMeterId: account.smartMeterId, entry: own, expectedLength: account.planHistory.length });
    if (exportPricePlanId !== undefined) {
      if (!partner) throw new MeterNotFoundError(partnerId!);
      const exported = nextEntry(partner, exportPricePlanId, at, from !== undefined);
      if (exported) switches.push({ smartMeterId: partner.smartMeterId, entry: exported, expectedLength: partner.planHistory.length });
    }
    if (switches.length === 0) return accountAnswer(account, deps.now());
    const landed = switches.length === 1 ? await deps.accounts.appendPlan(switches[0]!.smartMeterId, switches[0]!.entry, switches[0]!.expectedLength) : await deps.accounts.appendPlans(switches);
    if (landed) return accountAnswer(own ? { ...account, planHistory: [...account.planHistory, own] } : account, deps.now());
  }
  throw new ConflictError('the plan history kept changing while switching: retry');
}
