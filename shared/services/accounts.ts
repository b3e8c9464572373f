import { planAt, type Account } from '../domain/accounts.js';
import type { PricePlan } from '../domain/price-plans.js';
import { ValidationError } from '../errors.js';
import type { AccountAnswer } from '../http/response-schemas.js';

/** An account as the API answers it: its plan now and every plan it has been on. */
export function accountAnswer(account: Account, now: number): AccountAnswer {
  return { smartMeterId: account.smartMeterId, pricePlanId: planAt(account, now) ?? null, planHistory: account.planHistory };
}

/** A plan of the catalogue a request names; 400 when the catalogue has no such plan. */
export function catalogueEntry(pricePlans: readonly PricePlan[], pricePlanId: string): PricePlan {
  const plan = pricePlans.find((p) => p.pricePlanId === pricePlanId);
  if (!plan) throw new ValidationError(`pricePlanId '${pricePlanId}' is not in the plan catalogue`);
  return plan;
}
