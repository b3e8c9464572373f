import { planAt, type Account } from '../domain/accounts.js';
import { directionOf, type PricePlan } from '../domain/price-plans.js';
import type { Direction } from '../domain/price-plan-catalogue.js';
import type { PricePlansReader } from '../ports/price-plans-store.js';
import { ValidationError } from '../errors.js';
import type { AccountAnswer } from '../http/response-schemas.js';

/** An account as the API answers it: its plan now and every plan it has been on. */
export function accountAnswer(account: Account, now: number): AccountAnswer {
  const { smartMeterId, kind, direction, importMeterId, exportMeterId } = account;
  return {
    smartMeterId,
    kind,
    direction,
    ...(exportMeterId !== undefined && { exportMeterId }),
    ...(importMeterId !== undefined && { importMeterId }),
    pricePlanId: planAt(account, now) ?? null,
    planHistory: account.planHistory,
  };
}

/** A plan of the catalogue for a meter of `direction`; 400 when it is missing or prices the other direction. */
export async function planForMeter(pricePlans: PricePlansReader, pricePlanId: string, direction: Direction, field = 'pricePlanId'): Promise<PricePlan> {
  const plan = await catalogueEntry(pricePlans, pricePlanId, field);
  if (directionOf(plan) !== direction) {
    throw new ValidationError(`${field} '${pricePlanId}' is an ${directionOf(plan)} plan: an ${direction} meter is billed only on ${direction} plans`);
  }
  return plan;
}

/** A plan of the catalogue a request names; 400 when the catalogue has no such plan. */
export async function catalogueEntry(pricePlans: PricePlansReader, pricePlanId: string, field = 'pricePlanId'): Promise<PricePlan> {
  const plan = (await pricePlans.catalogue()).pricePlans.find((p) => p.pricePlanId === pricePlanId);
  if (!plan) throw new ValidationError(`${field} '${pricePlanId}' is not in the plan catalogue`);
  return plan;
}
