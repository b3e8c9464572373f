import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const PublishedIntensitySchema = v.strictObject({ published: int() });
export type PublishedIntensity = v.InferOutput<typeof PublishedIntensitySchema>;

export const docs: RouteDocs = {
  summary: 'Publish half-hour carbon intensity (gCO2/kWh, at most 1,000 half hours per call): one series per deployment.',
  description:
    'Each entry is one half hour starting at :00 or :30 UTC, ≥ 0. Forecasts may be replaced until their half hour ' +
    'starts; then they are final: the same value again is a no-op, another a 409. A call lands whole or not at all, ' +
    'so it may touch at most 25 UTC days (400 otherwise).',
  bodyExample: { intensity: [{ from: 1830297600, gCO2PerKWh: 182 }, { from: 1830299400, gCO2PerKWh: 171 }] },
  responseSchema: PublishedIntensitySchema,
  errorStatuses: [400, 401, 403, 409, 503],
};
