import * as v from 'valibot';
import { intervalsListSchema } from '../../shared/http/interval-schemas.js';
import { METER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { SmartMeterIdSchema } from '../../shared/http/request-schemas.js';

/** Most half hours one call may hold: a month of them (31 × 48 = 1,488). */
export const MAX_INTERVALS_PER_CALL = 1500;

export const route = {
  operationId: 'storeIntervals',
  method: 'POST',
  path: '/readings/intervals',
  access: { ...METER_OR_OPERATOR, scopes: ['readings.import'] },
  stores: { readings: 'replace', accounts: 'read' },
  bodySchema: v.object({ smartMeterId: SmartMeterIdSchema, intervals: intervalsListSchema(MAX_INTERVALS_PER_CALL, 'a month: split larger files') }),
  meterKind: { kind: 'interval', use: 'store' },
} as const satisfies RouteEntry;
