import * as v from 'valibot';
import { PlanIdSchema, PricePlanSchema } from '../../shared/domain/price-plan-catalogue.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'putPricePlan',
  method: 'PUT',
  path: '/admin/price-plans/{pricePlanId}',
  access: { ...OPERATORS_ONLY, scopes: ['prices.publish'] },
  stores: { pricePlans: 'write', audit: 'append' },
  audit: {
    details: ({ body }) => {
      const { rates, direction, dynamic } = body as { rates: { validFrom: number }[]; direction?: string; dynamic?: boolean };
      return { versions: rates.map((r) => r.validFrom), direction: direction ?? 'import', dynamic: dynamic ?? false };
    },
    pricePlanId: ({ path }) => (path as { pricePlanId: string }).pricePlanId,
  },
  pathSchema: v.object({ pricePlanId: PlanIdSchema }),
  bodySchema: PricePlanSchema,
} as const satisfies RouteEntry;
