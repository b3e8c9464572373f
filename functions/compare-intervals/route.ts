import * as v from 'valibot';
import { intervalsListSchema } from '../../shared/http/interval-schemas.js';
import { PlanIdSchema } from '../../shared/http/request-schemas.js';
import { ANYONE, type RouteEntry } from '../../shared/http/route-entry.js';

/** Most half hours one comparison may hold: a leap year of them (366 × 48). */
export const MAX_COMPARED_INTERVALS = 17_568;

export const route = {
  operationId: 'compareIntervals',
  method: 'POST',
  path: '/price-plans/compare',
  access: ANYONE,
  stores: { pricePlans: 'read' },
  bodySchema: v.object({
    intervals: intervalsListSchema(MAX_COMPARED_INTERVALS, 'a leap year: compare a year at a time'),
    currentPricePlanId: v.optional(PlanIdSchema),
  }),
} as const satisfies RouteEntry;
