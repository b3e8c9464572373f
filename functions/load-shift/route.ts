import * as v from 'valibot';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { decimalText, fromBeforeTo, MeterPathSchema, rangeFields, toWithin } from '../../shared/http/request-schemas.js';

/** The longest period one answer prices half hour by half hour: a year. */
export const MAX_LOAD_SHIFT_SECONDS = 366 * 86_400;

type Query = { from?: number; to?: number; share: number };

export const route = {
  operationId: 'loadShift',
  method: 'GET',
  path: '/advice/{smartMeterId}/load-shift',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(
    v.object({ ...rangeFields, share: v.optional(decimalText('must be a fraction from 0 to 1', 0, 1), '0.2') }),
    fromBeforeTo<Query>(),
    toWithin<Query>(MAX_LOAD_SHIFT_SECONDS, 'must be at most 366 days after from'),
  ),
} as const satisfies RouteEntry;
