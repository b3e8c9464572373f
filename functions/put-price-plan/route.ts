import * as v from 'valibot';
import { PlanIdSchema, PricePlanSchema } from '../../shared/domain/price-plan-catalogue.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'putPricePlan',
  method: 'PUT',
  path: '/admin/price-plans/{pricePlanId}',
  access: { ...OPERATORS_ONLY, scopes: ['prices.publish'] },
  stores: { pricePlans: 'write' },
  pathSchema: v.object({ pricePlanId: PlanIdSchema }),
  bodySchema: PricePlanSchema,
} as const satisfies RouteEntry;
