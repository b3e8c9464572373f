import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { octopusPageSchema } from '../../shared/http/octopus.js';

export const ConsumptionPageSchema = octopusPageSchema(v.strictObject({ consumption: v.number(), interval_start: v.string(), interval_end: v.string() }));
export type ConsumptionPage = v.InferOutput<typeof ConsumptionPageSchema>;

export const docs: RouteDocs = {
  summary: "A meter's consumption as Octopus's REST API answers it: half-hourly (or grouped), paged, newest first.",
  description:
    'Also at the same path with a trailing slash. `meterPoint` and `serialNumber` are both the meter id. ' +
    '`period_from` is inclusive, `period_to` exclusive; a time without an offset is Europe/London time. Half hours ' +
    'with no data are left out. Electricity is in kWh (a power meter\'s from the same energy sweep as `/usage`); gas ' +
    'in m³ as the meter sent it. `group_by` sums by London hour, day, week (from Monday), month or quarter. Pages: ' +
    '`page_size` (default 100, at most 25,000) and `page`; `next`/`previous` are absolute links that keep every ' +
    'parameter as sent. `order_by` (or `order`): `period` oldest first, `-period` newest first (default). At most ' +
    'three years per request: a longer explicit range is a 400; without `period_from`, the latest three years. ' +
    "A meter that is not yours is a 404, as one that does not exist.",
  responseSchema: ConsumptionPageSchema,
  errorStatuses: [400, 401, 403, 404, 503],
};
