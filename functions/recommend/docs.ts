import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { PlanCostEntriesSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "The cheapest plans for the meter's usage, at most `limit` of them.",
  responseSchema: PlanCostEntriesSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
