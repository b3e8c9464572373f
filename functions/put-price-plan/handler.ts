import { routeHandler } from '../../shared/http/pipeline.js';
import { etagOf, ifMatchRevision } from '../../shared/http/revision-etag.js';
import { auditLog, now, pricePlansChanged, pricePlansStore } from '../../shared/runtime.js';
import { route } from './route.js';
import { putPricePlan } from './use-case.js';

/** PUT /admin/price-plans/{pricePlanId}: creates (201) or changes (200) a plan; answers the stored document. */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlansStore(), now, changed: pricePlansChanged, audit: auditLog() }),
  async ({ path, body, event }, deps) => {
    const { created, plan, revision } = await putPricePlan(deps, path.pricePlanId, body, ifMatchRevision(event.headers));
    return { statusCode: created ? 201 : 200, body: plan, headers: { etag: etagOf(revision) } };
  },
);
