import type { RouteDocs } from '../../shared/http/openapi.js';
import { AccountSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "Switch the meter's plan, from now (or, operators only, from `from`); answers the account.",
  description:
    'Unknown plan: 400. `from` must be later than the last switch (409 otherwise); a customer sending `from` gets ' +
    '403. Asking again for the plan already in force changes nothing, so a retried switch is harmless.',
  bodyExample: { pricePlanId: 'price-plan-2' },
  responseSchema: AccountSchema,
  errorStatuses: [400, 401, 403, 404, 409, 503],
};
