import * as v from 'valibot';
import { DEFAULT_SILENT_FOR_SECONDS, MAX_SILENT_FOR_SECONDS, METER_STATUSES, MIN_SILENT_FOR_SECONDS } from '../../shared/domain/meter-health.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';
import { integerText } from '../../shared/http/request-schemas.js';

/** Meters one page looks at: each costs a last-reading read and its week's coverage. */
export const METERS_PAGE = 100;

export const route = {
  operationId: 'listMeters',
  method: 'GET',
  path: '/admin/meters',
  access: { ...OPERATORS_ONLY, scopes: ['meters.manage'] },
  pageCursors: true,
  stores: { accounts: 'list', readings: 'read', summaries: 'use' },
  querySchema: v.object({
    status: v.optional(v.picklist(['all', ...METER_STATUSES], 'must be all, ok, silent or never'), 'all'),
    silentFor: v.optional(
      integerText(`must be whole seconds from ${MIN_SILENT_FOR_SECONDS} to ${MAX_SILENT_FOR_SECONDS}`, MIN_SILENT_FOR_SECONDS, MAX_SILENT_FOR_SECONDS),
      String(DEFAULT_SILENT_FOR_SECONDS),
    ),
    cursor: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2048))),
  }),
} as const satisfies RouteEntry;
