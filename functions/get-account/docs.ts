import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { AccountSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "The meter's account: its plan now and its plan history (ascending; the first entry starts at 0).",
  responseSchema: AccountSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
