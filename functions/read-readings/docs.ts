import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { ReadingsArraySchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "A meter's readings, ascending by time, a page at a time.",
  description:
    'Readings in [from, to), at most `limit` (default and maximum 50,000) per page; when more remain, the Link ' +
    'header holds the URL of the next page.',
  responseSchema: ReadingsArraySchema,
  responseHeaders: { Link: 'Present when more readings remain: `</readings/read/{smartMeterId}?from=…>; rel="next"`' },
  errorStatuses: [...METER_ROUTE_ERRORS, 409],
};
