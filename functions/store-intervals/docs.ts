import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const StoredIntervalsSchema = v.strictObject({
  smartMeterId: v.string(),
  /** Half hours held for the first time. */
  stored: int(),
  /** Half hours that held another value, now replaced. */
  replaced: int(),
});
export type StoredIntervals = v.InferOutput<typeof StoredIntervalsSchema>;

export const docs: RouteDocs = {
  summary: "Store an interval meter's half-hour energy (kWh per UTC half hour); a new value for a half hour replaces the old.",
  description:
    'An interval is `{start, kWh}`: the half hour\'s start in epoch seconds on the UTC :00/:30 grid (a multiple of ' +
    '1800) and its energy, a finite number from 0 to 100 kWh, stored at 6 decimals (half-to-even, as readings are). ' +
    'A gas meter sends its volume instead: `{start, m3}` (0 to 20 m³), or `{start, ft3x100}` (0 to 20 hundreds of ' +
    'cubic feet) when onboarded imperial; a call holds one unit, and a unit the meter does not measure is a 409 naming ' +
    'its fuel. ' +
    'At most 1,500 intervals per call (a month of half hours). A half hour sent twice in one call with different ' +
    'values is refused (400, naming both). Everything is checked before anything is written. A half hour sent again ' +
    'with the value it holds changes nothing, so a retried call is safe; a different value replaces it (meter data ' +
    'is corrected, estimates become actuals) and every answer after the 200 uses it. `stored` counts half hours held ' +
    'for the first time, `replaced` those whose value changed. Power readings belong to power meters: sending ' +
    'intervals to one is a 409 naming its kind.',
  bodyExample: { smartMeterId: 'smart-meter-5', intervals: [{ start: 1767225600, kWh: 0.25 }, { start: 1767227400, kWh: 0.31 }] },
  responseSchema: StoredIntervalsSchema,
  errorStatuses: [400, 401, 403, 404, 409, 413, 503],
};
