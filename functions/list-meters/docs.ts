import * as v from 'valibot';
import { METER_KINDS } from '../../shared/domain/accounts.js';
import { METER_STATUSES } from '../../shared/domain/meter-health.js';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const MeterHealthSchema = v.strictObject({
  smartMeterId: v.string(),
  kind: v.picklist(METER_KINDS),
  pricePlanId: v.nullable(v.string()),
  customerId: v.nullable(v.string()),
  /** The time of its last reading (epoch seconds); null before its first. */
  lastReadingAt: v.nullable(int()),
  /** The share of the last 7 days' half hours that hold readings, 0..1 to 3 decimals. */
  coverage7d: v.number(),
  status: v.picklist(METER_STATUSES),
});

export const MeterListSchema = v.strictObject({
  meters: v.array(MeterHealthSchema),
  /** Send it back as `cursor` for the next page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
export type MeterList = v.InferOutput<typeof MeterListSchema>;
export type MeterHealth = v.InferOutput<typeof MeterHealthSchema>;

export const docs: RouteDocs = {
  summary: 'The fleet, a page at a time: each meter with its last reading, its coverage over the last 7 days, and whether it went silent.',
  description:
    'Each page looks at up to 100 meters in storage order (sorted by id within the page) and answers those with the ' +
    '`status` asked: `never` (no reading yet), `silent` (the last reading is more than `silentFor` seconds old, ' +
    'default 86,400: a day) or `ok`; `all` (the default) answers every one. A filtered page may therefore hold fewer ' +
    'than 100 meters, or none, and still have a `nextCursor`: follow it until it is null. `lastReadingAt` is read ' +
    'from the newest stored readings, so a new reading shows at once. `coverage7d` is the share of the last 7 days\' ' +
    'half hours that hold readings (see GET /usage). A cursor this API did not give out is refused (400).',
  responseSchema: MeterListSchema,
  errorStatuses: [400, 401, 403, 503],
};
