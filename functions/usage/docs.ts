import * as v from 'valibot';
import { int } from '../../shared/http/response-schemas.js';
import { GRANULARITIES } from '../../shared/domain/calendar.js';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

export const UsageReportSchema = v.strictObject({
  smartMeterId: v.string(),
  unit: v.literal('kWh'),
  groupBy: v.picklist(GRANULARITIES),
  timeZone: v.string(),
  /** The calendar buckets, named `periods` in the seed-era JSON contract. */
  periods: v.array(
    v.strictObject({
      from: int(),
      to: int(),
      kWh: v.number(),
      /** The share of the period's half hours (up to now) that hold readings, 0..1 to 3 decimals. */
      coverage: v.number(),
      /** Grams of CO2 where carbon intensity is published (present only then). */
      gCO2: v.optional(v.number()),
      /** Whether every half hour of the period had an intensity (present with gCO2). */
      gCO2Complete: v.optional(v.boolean()),
      /** A gas meter only: the period's volume in m³ (an imperial meter's converted at 2.83 m³ per 100 ft³). */
      m3: v.optional(v.number()),
      /** A gas meter only: whether every day of the period has a published calorific value (else kWh leaves some out). */
      cvComplete: v.optional(v.boolean()),
    }),
  ),
});
export type UsageReport = v.InferOutput<typeof UsageReportSchema>;

export const docs: RouteDocs = {
  summary: 'Energy (kWh) per calendar period.',
  description:
    'Periods (hour, day, week from Monday, month) follow the calendar of `tz`; energy is split exactly at period ' +
    'boundaries; without from/to the range runs from the first to the last reading, or covers the latest 10,000 ' +
    'periods when the history holds more (by hour: the last ~13.7 months); without `from` alone, likewise. A from/to ' +
    'range of more than 10,000 periods is refused (400). Periods with no data hold 0. `coverage` is the share of a ' +
    "period's half hours (UTC :00/:30, so a local day of a clock change has 46 or 50; those after now are not " +
    'counted) in which a reading interval no longer than the maximum gap lies, rounded to 3 decimals (1 only when every half hour holds readings). Where carbon intensity is ' +
    'published (`PUT /admin/carbon-intensity`), a period also holds `gCO2` (energy × intensity, half hour by half ' +
    'hour) and `gCO2Complete` (every half hour of it had an intensity).',
  responseSchema: UsageReportSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
