import type { RouteDocs } from '../../shared/http/openapi.js';
import { PricePlanSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: 'Change (200) or create (201) a price plan; answers the stored document.',
  description:
    'The body is a plan document, as `GET /price-plans/{pricePlanId}` answers it; its `pricePlanId` is the one of ' +
    'the path (400 otherwise). Rates are without VAT, in the minor unit of the catalogue currency. The past is ' +
    'immutable: a version that has started (`validFrom` at or before now) cannot be changed or removed, and a new ' +
    'version must start in the future (409 naming the version); a plan with started versions keeps its `timeZone` ' +
    'and `dynamic`. A new plan may hold versions in the past. A change to an existing plan sends `If-Match` with the ' +
    '`ETag` that `GET /price-plans/{pricePlanId}` answered: if the plan changed since, 409 (read it again; nothing is ' +
    'lost); without `If-Match`, 428; `If-Match: *` overwrites deliberately. The answer carries the new `ETag`. ' +
    'Two concurrent changes: one lands, the other is a 409. ' +
    'In force in every function within 60 seconds.',
  bodyExample: {
    pricePlanId: 'price-plan-0',
    supplier: "Dr Evil's Dark Energy",
    rates: [
      { validFrom: 0, unitRate: 10 },
      { validFrom: 1830297600, unitRate: 11.5, standingChargePerDay: 40 },
    ],
  },
  responseSchema: PricePlanSchema,
  otherSuccess: { 201: 'Created: the catalogue held no plan with this id' },
  errorStatuses: [400, 401, 403, 409, 428, 503],
};
