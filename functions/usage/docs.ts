import * as z from 'zod/mini';
import { GRANULARITIES } from '../../shared/domain/calendar.js';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

export const UsageReportSchema = z.object({
  smartMeterId: z.string(),
  unit: z.literal('kWh'),
  groupBy: z.enum(GRANULARITIES),
  timeZone: z.string(),
  /** The calendar buckets, named `periods` in the seed-era JSON contract. */
  periods: z.array(z.object({ from: z.int(), to: z.int(), kWh: z.number() })),
});
export type UsageReport = z.infer<typeof UsageReportSchema>;

export const docs: RouteDocs = {
  summary: 'Energy (kWh) per calendar period.',
  description:
    'Periods (hour, day, week from Monday, month) follow the calendar of `tz`; energy is split exactly at period ' +
    'boundaries; without from/to the range runs from the first to the last reading. Periods with no data hold 0.',
  responseSchema: UsageReportSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
