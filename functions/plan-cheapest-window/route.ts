import * as v from 'valibot';
import { PlanIdSchema } from '../../shared/domain/price-plan-catalogue.js';
import { CUSTOMERS_AND_OPERATORS, type RouteEntry } from '../../shared/http/route-entry.js';
import { WindowQuerySchema } from '../../shared/http/window-query.js';

export const route = {
  operationId: 'planCheapestWindow',
  method: 'GET',
  path: '/price-plans/{pricePlanId}/cheapest-window',
  access: CUSTOMERS_AND_OPERATORS,
  stores: { pricePlans: 'read' },
  pathSchema: v.object({ pricePlanId: PlanIdSchema }),
  querySchema: WindowQuerySchema,
} as const satisfies RouteEntry;
