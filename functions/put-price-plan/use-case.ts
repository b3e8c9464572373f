import { checkPlanChange } from '../../shared/domain/price-plan-changes.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { ValidationError } from '../../shared/errors.js';
import type { PricePlansStore } from '../../shared/ports/price-plans-store.js';

export interface PutPricePlanDeps {
  pricePlans: PricePlansStore;
  now: () => number;
  /** Told after a change landed (the process's own cache forgets it). */
  changed: () => void;
}

/**
 * Creates or changes a plan. The past is immutable: versions that have started stay exactly as they are, and a new
 * version starts in the future (409 otherwise, naming it). The write is conditional on the revision read, so of two
 * concurrent changes one lands and the other is a 409.
 */
export async function putPricePlan(deps: PutPricePlanDeps, pricePlanId: string, plan: PricePlan): Promise<{ created: boolean; plan: PricePlan }> {
  if (plan.pricePlanId !== pricePlanId) throw new ValidationError(`pricePlanId '${plan.pricePlanId}' must be the plan of the path, '${pricePlanId}'`);
  const stored = await deps.pricePlans.plan(pricePlanId);
  checkPlanChange(stored?.value, plan, deps.now());
  await deps.pricePlans.savePlan(plan, stored?.revision);
  deps.changed();
  return { created: stored === undefined, plan };
}
