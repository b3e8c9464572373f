import { WINDOW_DESCRIPTION, type RouteDocs } from '../../shared/http/openapi.js';
import { WindowAnswerSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: 'The cheapest (or greenest) time to use energy on a plan: a run of half hours, or the best ones anywhere.',
  description: WINDOW_DESCRIPTION,
  responseSchema: WindowAnswerSchema,
  errorStatuses: [400, 401, 403, 404, 503],
  parameterExamples: { from: undefined, to: undefined },
};
