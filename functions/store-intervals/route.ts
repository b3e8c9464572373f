import { spanOfStarts } from '../../shared/domain/audit.js';
import * as v from 'valibot';
import { meterIntervalsListSchema, unitOf } from '../../shared/http/interval-schemas.js';
import { METER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { SmartMeterIdSchema } from '../../shared/http/request-schemas.js';

/** Most half hours one call may hold: a month of them (31 × 48 = 1,488). */
export const MAX_INTERVALS_PER_CALL = 1500;

export const route = {
  operationId: 'storeIntervals',
  method: 'POST',
  path: '/readings/intervals',
  access: { ...METER_OR_OPERATOR, scopes: ['readings.import'] },
  stores: { readings: 'replace', accounts: 'read', audit: 'append' },
  audit: {
    details: ({ body, answer }) => {
      const { stored, replaced } = answer() as { stored: number; replaced: number };
      const intervals = (body as { intervals: { start: number }[] }).intervals;
      return { intervals: intervals.length, unit: unitOf(intervals[0] as { kWh?: number }), ...spanOfStarts(intervals.map((i) => i.start), 1800), stored, replaced };
    },
  },
  bodySchema: v.object({ smartMeterId: SmartMeterIdSchema, intervals: meterIntervalsListSchema(MAX_INTERVALS_PER_CALL, 'a month: split larger files') }),
  meterKind: { kind: 'interval', use: 'store' },
} as const satisfies RouteEntry;
