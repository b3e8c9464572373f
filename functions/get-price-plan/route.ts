import * as v from 'valibot';
import { PlanIdSchema } from '../../shared/domain/price-plan-catalogue.js';
import { CUSTOMERS_AND_OPERATORS, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'getPricePlan',
  method: 'GET',
  path: '/price-plans/{pricePlanId}',
  access: { ...CUSTOMERS_AND_OPERATORS, scopes: ['prices.publish'] },
  stores: { pricePlans: 'read' },
  pathSchema: v.object({ pricePlanId: PlanIdSchema }),
} as const satisfies RouteEntry;
