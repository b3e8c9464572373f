import * as v from 'valibot';
import { GRANULARITIES } from '../../shared/domain/calendar.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, MeterPathSchema, rangeFields, timeZone } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'usage',
  method: 'GET',
  path: '/usage/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(v.object({ ...rangeFields, groupBy: v.optional(v.picklist(GRANULARITIES), 'day'), tz: timeZone() }), fromBeforeTo()),
} as const satisfies RouteEntry;
