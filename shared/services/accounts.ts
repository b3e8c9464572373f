import { planAt, type Account } from '../domain/accounts.js';
import type { PricePlan } from '../domain/price-plans.js';
import type { PricePlansReader } from '../ports/price-plans-store.js';
import { ValidationError } from '../errors.js';
import type { AccountAnswer } from '../http/response-schemas.js';

/** An account as the API answers it: its plan now and every plan it has been on. */
export function accountAnswer(account: Account, now: number): AccountAnswer {
  return { smartMeterId: account.smartMeterId, kind: account.kind, pricePlanId: planAt(account, now) ?? null, planHistory: account.planHistory };
}

/** A plan of the catalogue a request names; 400 when the catalogue has no such plan. */
export async function catalogueEntry(pricePlans: PricePlansReader, pricePlanId: string): Promise<PricePlan> {
  const plan = (await pricePlans.catalogue()).pricePlans.find((p) => p.pricePlanId === pricePlanId);
  if (!plan) throw new ValidationError(`pricePlanId '${pricePlanId}' is not in the plan catalogue`);
  return plan;
}
