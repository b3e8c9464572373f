import { METER_ROUTE_ERRORS, WINDOW_DESCRIPTION, type RouteDocs } from '../../shared/http/openapi.js';
import { WindowAnswerSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: "The cheapest (or greenest) time to use energy on the meter's plan (the plan in force at `from`).",
  description: WINDOW_DESCRIPTION + ' A meter on no plan: 409.',
  responseSchema: WindowAnswerSchema,
  errorStatuses: [...METER_ROUTE_ERRORS, 409],
  parameterExamples: { from: undefined, to: undefined },
};
