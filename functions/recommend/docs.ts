import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { PlanCostEntriesSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "The cheapest plans for the meter's usage, at most `limit` of them.",
  description:
    'Costs as compare-all answers them (minor unit of the catalogue currency, VAT included). A plan that could not ' +
    'price every kWh (a dynamic plan without published prices for some half hour) is never recommended.',
  responseSchema: PlanCostEntriesSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
