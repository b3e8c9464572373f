import { checkPlanChange } from '../../shared/domain/price-plan-changes.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { ValidationError } from '../../shared/errors.js';
import type { PricePlansStore } from '../../shared/ports/price-plans-store.js';

/** A plan is one item of the catalogue partition (DynamoDB's limit is 400 KB) and is read by every warm function. */
export const MAX_PLAN_DOCUMENT_BYTES = 64 * 1024;

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
  const bytes = Buffer.byteLength(JSON.stringify(plan));
  if (bytes > MAX_PLAN_DOCUMENT_BYTES) throw new ValidationError(`the plan document is ${bytes} bytes; at most ${MAX_PLAN_DOCUMENT_BYTES} (drop versions long past, or fold bands)`);
  const stored = await deps.pricePlans.plan(pricePlanId);
  checkPlanChange(stored?.value, plan, deps.now());
  await deps.pricePlans.savePlan(plan, stored?.revision);
  deps.changed();
  return { created: stored === undefined, plan };
}
