import type { RouteDocs } from '../../shared/http/openapi.js';
import { PricePlanSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "One price plan's document: every rate version, without VAT, in the catalogue currency's minor unit.",
  description:
    'The answer is accepted unchanged by `PUT /admin/price-plans/{pricePlanId}`. Read strongly consistent, with the plan\'s ' +
    'revision as `ETag`: send it back as `If-Match` to change the plan (a change made meanwhile is then a 409, not a lost ' +
    'update). Unknown plan: 404.',
  responseSchema: PricePlanSchema,
  errorStatuses: [400, 401, 403, 404, 503],
};
