import { planAt, type Account } from '../domain/accounts.js';
import { directionOf, fuelOf, type PricePlan } from '../domain/price-plans.js';
import type { Market } from '../domain/price-plan-catalogue.js';
import type { PricePlansReader } from '../ports/price-plans-store.js';
import type { AccountsStore } from '../ports/accounts-store.js';
import { ValidationError } from '../errors.js';
import type { AccountAnswer } from '../http/response-schemas.js';

/** An account as the API answers it: its plan now and every plan it has been on. */
export function accountAnswer(account: Account, now: number): AccountAnswer {
  const { smartMeterId, kind, direction, fuel, units, importMeterId, exportMeterId, electricityMeterId, gasMeterId } = account;
  return {
    smartMeterId,
    kind,
    direction,
    fuel,
    ...(units !== undefined && { units }),
    ...(exportMeterId !== undefined && { exportMeterId }),
    ...(importMeterId !== undefined && { importMeterId }),
    ...(gasMeterId !== undefined && { gasMeterId }),
    ...(electricityMeterId !== undefined && { electricityMeterId }),
    pricePlanId: planAt(account, now) ?? null,
    planHistory: account.planHistory,
  };
}

/** A plan of the catalogue for a meter of this market; 400 when it is missing, or prices another direction or fuel. */
export async function planForMeter(pricePlans: PricePlansReader, pricePlanId: string, market: Market, field = 'pricePlanId'): Promise<PricePlan> {
  const plan = await catalogueEntry(pricePlans, pricePlanId, field);
  const { direction, fuel } = market;
  if (directionOf(plan) !== direction) {
    throw new ValidationError(`${field} '${pricePlanId}' is an ${directionOf(plan)} plan: an ${direction} meter is billed only on ${direction} plans`);
  }
  if (fuelOf(plan) !== fuel) throw new ValidationError(`${field} '${pricePlanId}' is a${fuelOf(plan) === 'electricity' ? 'n' : ''} ${fuelOf(plan)} plan: a${fuel === 'electricity' ? 'n' : ''} ${fuel} meter is billed only on ${fuel} plans`);
  return plan;
}

/** A plan of the catalogue a request names; 400 when the catalogue has no such plan. */
export async function catalogueEntry(pricePlans: PricePlansReader, pricePlanId: string, field = 'pricePlanId'): Promise<PricePlan> {
  const plan = (await pricePlans.catalogue()).pricePlans.find((p) => p.pricePlanId === pricePlanId);
  if (!plan) throw new ValidationError(`${field} '${pricePlanId}' is not in the plan catalogue`);
  return plan;
}

/** Most meters one customer's answers list (a household has a handful; the walk over pages is bounded). */
export const MAX_OWNED_METERS = 100;

/** A customer's meters, by meter id: every page of their accounts, up to MAX_OWNED_METERS. */
export async function ownedMeters(accounts: Pick<AccountsStore, 'ownedBy'>, customerId: string): Promise<Account[]> {
  const meters: Account[] = [];
  let after: string | undefined;
  do {
    const page = await accounts.ownedBy(customerId, MAX_OWNED_METERS - meters.length, after);
    meters.push(...page.accounts);
    after = page.next;
  } while (after !== undefined && meters.length < MAX_OWNED_METERS);
  return meters;
}
