import * as v from 'valibot';
import { DAY_SECONDS } from '../../shared/domain/time.js';
import { intervalsListSchema } from '../../shared/http/interval-schemas.js';
import { PlanIdSchema } from '../../shared/http/request-schemas.js';
import { ANYONE, type RouteEntry } from '../../shared/http/route-entry.js';

/** Most half hours one comparison may hold: a leap year of them (366 × 48). */
export const MAX_COMPARED_INTERVALS = 17_568;
/** The longest span one comparison may cover, first half hour to last: a leap year, so the work is a year's at most. */
export const MAX_COMPARED_DAYS = 366;

const withinAYear = (intervals: { start: number; kWh: number }[]) => {
  const starts = intervals.map((i) => i.start);
  return Math.max(...starts) - Math.min(...starts) < MAX_COMPARED_DAYS * DAY_SECONDS;
};

export const route = {
  operationId: 'compareIntervals',
  method: 'POST',
  path: '/price-plans/compare',
  access: ANYONE,
  stores: { pricePlans: 'read' },
  bodySchema: v.object({
    intervals: v.pipe(
      intervalsListSchema(MAX_COMPARED_INTERVALS, 'a leap year: compare a year at a time'),
      v.check(withinAYear, `must span at most ${MAX_COMPARED_DAYS} days, first half hour to last: compare a year at a time`),
    ),
    currentPricePlanId: v.optional(PlanIdSchema),
  }),
} as const satisfies RouteEntry;
