import * as v from 'valibot';
import { PlanIdSchema } from '../../shared/domain/price-plan-catalogue.js';
import { DAY_SECONDS } from '../../shared/domain/time.js';
import { CUSTOMERS_AND_OPERATORS, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, rangeFields, toWithin } from '../../shared/http/request-schemas.js';

/** The longest range one answer covers: a month of half hours (1,488 prices). */
export const MAX_PRICES_RANGE_SECONDS = 31 * DAY_SECONDS;

type Range = { from?: number; to?: number };

export const route = {
  operationId: 'readPrices',
  method: 'GET',
  path: '/price-plans/{pricePlanId}/prices',
  access: { ...CUSTOMERS_AND_OPERATORS, scopes: ['prices.publish'] },
  stores: { pricePlans: 'read' },
  pathSchema: v.object({ pricePlanId: PlanIdSchema }),
  querySchema: v.pipe(
    v.object(rangeFields),
    fromBeforeTo<Range>(),
    toWithin<Range>(MAX_PRICES_RANGE_SECONDS, 'must be at most 31 days after from: ask for a month at a time'),
  ),
} as const satisfies RouteEntry;
