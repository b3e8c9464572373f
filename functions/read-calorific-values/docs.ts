import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const CalorificValuesSchema = v.strictObject({
  values: v.array(v.strictObject({ from: int(), to: int(), mjPerM3: v.number() })),
});
export type CalorificValues = v.InferOutput<typeof CalorificValuesSchema>;

export const docs: RouteDocs = {
  summary: 'The published gas calorific values (MJ/m³) of the UTC days in [from, to), ascending.',
  description: 'Default: the last 30 days and tomorrow; at most 366 days (400). Days with no published value are left out.',
  responseSchema: CalorificValuesSchema,
  errorStatuses: [400, 401, 403, 503],
  parameterExamples: { from: undefined, to: undefined },
};
