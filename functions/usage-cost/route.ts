import * as v from 'valibot';
import { RELATIVE_PERIODS } from '../../shared/domain/calendar.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { epochSeconds, fieldRule, fromBeforeTo, MeterPathSchema, rangeFields, timeZone } from '../../shared/http/request-schemas.js';

/** A relative `period` evaluated at `at` (default now), or an explicit from/to: one or the other. */
const UsageCostQuerySchema = v.pipe(
  v.object({ ...rangeFields, period: v.optional(v.picklist(RELATIVE_PERIODS)), at: v.optional(epochSeconds()), tz: timeZone() }),
  fromBeforeTo(),
  fieldRule('period', (q) => q.period === undefined || (q.from === undefined && q.to === undefined), 'cannot be combined with from/to'),
  fieldRule('period', (q) => q.period !== undefined || (q.from !== undefined && q.to !== undefined), 'is required, or both from and to'),
  fieldRule('at', (q) => q.period !== undefined || q.at === undefined, 'applies only to a relative period'),
);

export const route = {
  operationId: 'usageCost',
  method: 'GET',
  path: '/usage/{smartMeterId}/cost',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: UsageCostQuerySchema,
} as const satisfies RouteEntry;
