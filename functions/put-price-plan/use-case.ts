import { checkPlanChange } from '../../shared/domain/price-plan-changes.js';
import { requiredImportProblem } from '../../shared/domain/price-plan-catalogue.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { ConflictError, PreconditionRequiredError, ValidationError } from '../../shared/errors.js';
import { etagOf } from '../../shared/http/revision-etag.js';
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
 * version starts in the future (409 otherwise, naming it). A change names the revision it was made to (`If-Match`):
 * none is a 428, another than the stored one a 409, so two operators editing one plan never lose a version; `*`
 * overwrites whatever is stored, deliberately. A new plan needs none. The write is conditional on the revision read,
 * so of two concurrent changes one lands and the other is a 409.
 */
export async function putPricePlan(
  deps: PutPricePlanDeps,
  pricePlanId: string,
  plan: PricePlan,
  expected?: number | '*',
): Promise<{ created: boolean; plan: PricePlan; revision: number }> {
  if (plan.pricePlanId !== pricePlanId) throw new ValidationError(`pricePlanId '${plan.pricePlanId}' must be the plan of the path, '${pricePlanId}'`);
  const bytes = Buffer.byteLength(JSON.stringify(plan));
  if (bytes > MAX_PLAN_DOCUMENT_BYTES) throw new ValidationError(`the plan document is ${bytes} bytes; at most ${MAX_PLAN_DOCUMENT_BYTES} (drop versions long past, or fold bands)`);
  const stored = await deps.pricePlans.plan(pricePlanId);
  if (stored && expected === undefined) {
    throw new PreconditionRequiredError(`price plan '${pricePlanId}' exists: send If-Match with the ETag of GET /price-plans/${pricePlanId} (it is ${etagOf(stored.revision)}), so a change made meanwhile is not lost`);
  }
  if (typeof expected === 'number' && expected !== stored?.revision) {
    throw new ConflictError(
      stored
        ? `price plan '${pricePlanId}' has changed since it was read (now ${etagOf(stored.revision)}, If-Match ${etagOf(expected)}): read it again, then make the change to what is there`
        : `price plan '${pricePlanId}' does not exist, so it cannot be at ${etagOf(expected)}: send no If-Match to create it`,
    );
  }
  checkPlanChange(stored?.value, plan, deps.now());
  const problem = requiredImportProblem(plan, (await deps.pricePlans.catalogue()).pricePlans);
  if (problem) throw new ValidationError(problem);
  await deps.pricePlans.savePlan(plan, stored?.revision);
  deps.changed();
  return { created: stored === undefined, plan, revision: (stored?.revision ?? 0) + 1 };
}
