import * as v from 'valibot';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, integerText, MeterPathSchema, rangeFields } from '../../shared/http/request-schemas.js';

/** Most readings one page returns: ~2.5 MB of JSON at worst, well under the 6 MB a Lambda may answer. */
export const MAX_READINGS_PAGE = 50_000;

export const route = {
  operationId: 'readReadings',
  method: 'GET',
  path: '/readings/read/{smartMeterId}',
  access: OWNER_OR_OPERATOR,
  stores: { readings: 'read', accounts: 'read' },
  pathSchema: MeterPathSchema,
  querySchema: v.pipe(
    v.object({ ...rangeFields, limit: v.optional(integerText('must be a positive integer', 1, MAX_READINGS_PAGE), String(MAX_READINGS_PAGE)) }),
    fromBeforeTo(),
  ),
  meterKind: { kind: 'power', use: 'read' },
} as const satisfies RouteEntry;
