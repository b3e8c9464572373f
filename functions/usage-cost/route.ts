import * as z from 'zod/mini';
import { RELATIVE_PERIODS } from '../../shared/domain/calendar.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { epochSeconds, fromBeforeTo, MeterPathSchema, rangeFields, timeZone } from '../../shared/http/request-schemas.js';

/** A relative `period` evaluated at `at` (default now), or an explicit from/to: one or the other. */
const UsageCostQuerySchema = z
  .object({ ...rangeFields, period: z.optional(z.enum(RELATIVE_PERIODS)), at: z.optional(epochSeconds()), tz: timeZone() })
  .check(
    fromBeforeTo,
    z.refine((q) => q.period === undefined || (q.from === undefined && q.to === undefined), {
      message: 'cannot be combined with from/to',
      path: ['period'],
    }),
    z.refine((q) => q.period !== undefined || (q.from !== undefined && q.to !== undefined), {
      message: 'is required, or both from and to',
      path: ['period'],
    }),
    z.refine((q) => q.period !== undefined || q.at === undefined, { message: 'applies only to a relative period', path: ['at'] }),
  );

export const route = {
  operationId: 'usageCost',
  method: 'GET',
  path: '/usage/{smartMeterId}/cost',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: UsageCostQuerySchema,
} as const satisfies RouteEntry;
