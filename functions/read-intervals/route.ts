import * as v from 'valibot';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, integerText, MeterPathSchema, rangeFields } from '../../shared/http/request-schemas.js';

/** Most half hours one page returns: a year and a bit (~700 KB of JSON). */
export const MAX_INTERVALS_PAGE = 20_000;

export const route = {
  operationId: 'readIntervals',
  method: 'GET',
  path: '/readings/intervals/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', accounts: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(
    v.object({
      ...rangeFields,
      limit: v.optional(integerText('must be a positive integer', 1, MAX_INTERVALS_PAGE), String(MAX_INTERVALS_PAGE)),
      cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
    fromBeforeTo(),
  ),
  meterKind: { kind: 'interval', use: 'read' },
} as const satisfies RouteEntry;
