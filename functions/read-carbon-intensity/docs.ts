import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const CarbonIntensitySchema = v.strictObject({
  intensity: v.array(v.strictObject({ from: int(), to: int(), gCO2PerKWh: v.number() })),
});
export type CarbonIntensity = v.InferOutput<typeof CarbonIntensitySchema>;

export const docs: RouteDocs = {
  summary: 'The published carbon intensity (gCO2/kWh) per half hour over [from, to), ascending.',
  description: 'Default: today and tomorrow (UTC); at most 31 days (400). Half hours not published are left out.',
  responseSchema: CarbonIntensitySchema,
  errorStatuses: [400, 401, 403, 503],
  parameterExamples: { from: undefined, to: undefined },
};
