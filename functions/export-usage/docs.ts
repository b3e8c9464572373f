import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

export const docs: RouteDocs = {
  summary: "The meter's half-hourly energy out: CSV (format=csv) or a Green Button ESPI Atom feed (format=espi).",
  description:
    'Both ends required, at most 366 days (a year is ~1 MB of CSV, ~2.3 MB of XML: under Lambda\'s 6 MB answer). ' +
    'CSV: `interval_start,interval_end,kwh` per half hour with energy (UTC :00/:30, ISO 8601), kWh rounded half-even ' +
    'to 0.001. ESPI: UsagePoint, LocalTimeParameters of `tz` (default Europe/London), MeterReading, ReadingType (uom ' +
    '72 = Wh, powerOfTenMultiplier 0, intervalLength 1800, flowDirection 1, commodity electricity), then one ' +
    'IntervalBlock per UTC day of IntervalReadings {timePeriod {duration 1800, start}, value} in whole Wh. A gas meter\'s ' +
    'CSV adds an `m3` column and leaves kWh empty where its day has no published calorific value (those half hours are ' +
    'not in its ESPI feed, whose commodity is then 7, natural gas); an export meter\'s feed has flowDirection 19.',
  otherMediaTypes: { 'text/csv': 'format=csv: interval_start,interval_end,kwh', 'application/atom+xml': 'format=espi: a Green Button ESPI feed' },
  errorStatuses: METER_ROUTE_ERRORS,
};
