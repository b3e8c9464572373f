import * as v from 'valibot';
import { PERSONAL_KEY_READERS, type RouteEntry } from '../../shared/http/route-entry.js';
import { octopusTimeText, ORDER_BY, pagingFields } from '../../shared/http/octopus.js';
import { fieldRule, SmartMeterIdSchema } from '../../shared/http/request-schemas.js';

/** The meter points of each fuel, as Octopus's paths name them. */
export const METER_POINTS = { 'electricity-meter-points': 'electricity', 'gas-meter-points': 'gas' } as const;
export const CONSUMPTION_GROUPS = ['hour', 'day', 'week', 'month', 'quarter'] as const;
/** A page holds at most this many results (Octopus's own limit). */
export const MAX_CONSUMPTION_PAGE = 25_000;

export const route = {
  operationId: 'v1Consumption',
  method: 'GET',
  // Both fuels' paths in one route: `electricity-meter-points` and `gas-meter-points`.
  path: '/v1/{meterPoints}/{meterPoint}/meters/{serialNumber}/consumption',
  access: PERSONAL_KEY_READERS,
  octopusCompatible: true,
  stores: { readings: 'read', summaries: 'use', accounts: 'read', pricePlans: 'read' },
  pathSchema: v.object({
    meterPoints: v.picklist(Object.keys(METER_POINTS) as (keyof typeof METER_POINTS)[], 'must be electricity-meter-points or gas-meter-points'),
    meterPoint: SmartMeterIdSchema,
    serialNumber: SmartMeterIdSchema,
  }),
  querySchema: v.pipe(
    v.object({
      period_from: v.optional(octopusTimeText()),
      period_to: v.optional(octopusTimeText()),
      ...pagingFields(100, MAX_CONSUMPTION_PAGE),
      order_by: v.optional(v.picklist(ORDER_BY, 'must be period or -period')),
      order: v.optional(v.picklist(ORDER_BY, 'must be period or -period')),
      group_by: v.optional(v.picklist(CONSUMPTION_GROUPS, `must be one of ${CONSUMPTION_GROUPS.join(', ')} (or absent: half-hourly)`)),
    }),
    fieldRule('period_from', (q) => q.period_from === undefined || q.period_to === undefined || q.period_from < q.period_to, 'must be before period_to'),
  ),
} as const satisfies RouteEntry;
