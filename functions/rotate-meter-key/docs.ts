import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { MeterKeySchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: 'Issue a new key for a meter (operators); the old key stops working.',
  description:
    'Locally the old key fails at once; in AWS once the authorizer cache expires (at most 300 s). Two rotations at ' +
    'once: one gets the new key, the other a 409 and no key (retry it).',
  responseSchema: MeterKeySchema,
  errorStatuses: [...METER_ROUTE_ERRORS, 409],
};
