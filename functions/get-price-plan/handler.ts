import { PricePlanNotFoundError } from '../../shared/errors.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { etagOf } from '../../shared/http/revision-etag.js';
import { pricePlanDocuments } from '../../shared/runtime.js';
import { route } from './route.js';

/**
 * GET /price-plans/{pricePlanId}: one plan's document, as PUT /admin/price-plans/{pricePlanId} accepts it, read
 * strongly consistent with its revision as `ETag` (send it back as `If-Match` to change the plan).
 */
export const handler = routeHandler(
  route,
  () => ({ plans: pricePlanDocuments() }),
  async ({ path }, deps) => {
    const stored = await deps.plans.plan(path.pricePlanId);
    if (!stored) throw new PricePlanNotFoundError(path.pricePlanId);
    return { body: stored.value, headers: { etag: etagOf(stored.revision) } };
  },
);
