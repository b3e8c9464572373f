import type { RouteDocs } from '../../shared/http/openapi.js';
import { AccountSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "Switch the meter's plan, from now (or, operators only, from `from`); answers the account.",
  description:
    'Unknown plan: 400. `from` (operators only; a customer sending it gets 403) may be at most 31 days ahead (400) and ' +
    'must be later than the last switch (409). A switch without `from` starts now; it is a 409, saying why, while a ' +
    'switch scheduled later is pending or when another switch took effect in the same second. Asking again for the ' +
    'plan already in force changes nothing, so a retried switch is harmless. Times in messages are ISO 8601 (UTC). ' +
    'A meter switches only to plans of its direction (400 naming it). A solar household switches its pair on its ' +
    'import meter with `exportPricePlanId`: both histories change in one DynamoDB transaction, so both switches ' +
    'happen or neither does (409 if either history changed meanwhile, or the meter has no export meter). A switch ' +
    'that would leave an export plan with `requiresImport` beside another import plan is a 409 saying to switch both.',
  bodyExample: { pricePlanId: 'price-plan-2' },
  responseSchema: AccountSchema,
  errorStatuses: [400, 401, 403, 404, 409, 503],
};
