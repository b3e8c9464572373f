import * as v from 'valibot';
import { DAY_SECONDS } from '../../shared/domain/time.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { epochSeconds, fromBeforeTo, MeterPathSchema, timeZone, toWithin } from '../../shared/http/request-schemas.js';

/**
 * At most a year per export: 17,568 half hours, ~1 MB of CSV or ~2.3 MB of ESPI XML, under Lambda's 6 MB answer
 * without streaming (a longer history is exported a year at a time).
 */
export const MAX_EXPORT_SECONDS = 366 * DAY_SECONDS;

type Query = { from: number; to: number; format: 'csv' | 'espi'; tz: string };

export const route = {
  operationId: 'exportUsage',
  method: 'GET',
  path: '/usage/{smartMeterId}/export',
  access: OWNER_OR_OPERATOR,
  // The price plans table for the calorific values a gas meter's volumes are converted with.
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(
    v.object({ from: epochSeconds(), to: epochSeconds(), format: v.optional(v.picklist(['csv', 'espi']), 'csv'), tz: timeZone() }),
    fromBeforeTo<Query>(),
    toWithin<Query>(MAX_EXPORT_SECONDS, 'must be at most 366 days after from: export a year at a time'),
  ),
} as const satisfies RouteEntry;
