import * as v from 'valibot';
import { DAY_SECONDS } from '../../shared/domain/time.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { epochSeconds, fromBeforeTo, MeterPathSchema, toWithin } from '../../shared/http/request-schemas.js';

/** The longest statement: a year (17,568 half-hour lines, ~2 MB of JSON, well under Lambda's 6 MB answer). */
export const MAX_STATEMENT_SECONDS = 366 * DAY_SECONDS;

type Query = { from: number; to: number; format: 'json' | 'csv' };

export const route = {
  operationId: 'getStatement',
  method: 'GET',
  path: '/statements/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(
    v.object({ from: epochSeconds(), to: epochSeconds(), format: v.optional(v.picklist(['json', 'csv']), 'json') }),
    fromBeforeTo<Query>(),
    toWithin<Query>(MAX_STATEMENT_SECONDS, 'must be at most 366 days after from'),
  ),
} as const satisfies RouteEntry;
