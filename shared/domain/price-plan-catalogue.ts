import * as z from 'zod/mini';
import { ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { PricePlanSchema, type PricePlan } from './price-plans.js';

/**
 * A catalogue of price plans (JSON: an array of plans), validated as a whole: an invalid one is refused with a
 * message naming the bad entry, so a bad catalogue stops start-up (or synth) instead of mis-pricing customers.
 */
export function parseCatalogueJson(json: string, source = 'price plan catalogue'): PricePlan[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ValidationError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  return parseCatalogue(data, source);
}

export function parseCatalogue(data: unknown, source = 'price plan catalogue'): PricePlan[] {
  if (!Array.isArray(data) || data.length === 0) throw new ValidationError(`${source}: must be a non-empty array of price plans`);
  const seen = new Set<string>();
  return data.map((entry: unknown, index) => {
    const id = (entry as { pricePlanId?: unknown } | null)?.pricePlanId;
    const name = `${source}: entry ${index}${typeof id === 'string' ? ` (${id})` : ''}`;
    let plan: PricePlan;
    try {
      plan = parseOrThrow(PricePlanSchema as z.ZodMiniType<PricePlan>, entry);
    } catch (error) {
      throw new ValidationError(`${name}: ${(error as Error).message}`);
    }
    if (seen.has(plan.pricePlanId)) throw new ValidationError(`${name}: duplicate pricePlanId`);
    seen.add(plan.pricePlanId);
    return plan;
  });
}

/** Accounts that name a plan the catalogue does not hold: reported at start-up. */
export function unknownPlanIds(catalogue: readonly PricePlan[], accounts: readonly { smartMeterId: string; pricePlanId?: string }[]) {
  const known = new Set(catalogue.map((p) => p.pricePlanId));
  return accounts.filter((a) => a.pricePlanId !== undefined && !known.has(a.pricePlanId));
}
