import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const PublishedCalorificValuesSchema = v.strictObject({ published: int() });
export type PublishedCalorificValues = v.InferOutput<typeof PublishedCalorificValuesSchema>;

export const docs: RouteDocs = {
  summary: 'Publish the gas calorific value (MJ/m³) of UTC days, one per day (at most 25 per call).',
  description:
    "Each entry is a UTC day's start and its calorific value, 30 to 45 MJ/m³. A day may be replaced until it starts; " +
    'then it is final: the same value again is a no-op, another a 409. A gas day with no published value leaves its ' +
    "energy unconverted: never a guessed value. Gas meters' kWh = m³ × 1.02264 × CV ÷ 3.6.",
  bodyExample: { values: [{ from: 1830297600, mjPerM3: 39.5 }] },
  responseSchema: PublishedCalorificValuesSchema,
  errorStatuses: [400, 401, 403, 409, 503],
};
