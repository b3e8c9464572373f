import type { RouteDocs } from '../../shared/http/openapi.js';
import { AccountSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "Switch the meter's plan, from now (or, operators only, from `from`); answers the account.",
  description:
    'Unknown plan: 400. `from` (operators only; a customer sending it gets 403) may be at most 31 days ahead (400) and ' +
    'must be later than the last switch (409). A switch without `from` starts now; it is a 409, saying why, while a ' +
    'switch scheduled later is pending or when another switch took effect in the same second. Asking again for the ' +
    'plan already in force changes nothing, so a retried switch is harmless. Times in messages are ISO 8601 (UTC).',
  bodyExample: { pricePlanId: 'price-plan-2' },
  responseSchema: AccountSchema,
  errorStatuses: [400, 401, 403, 404, 409, 503],
};
