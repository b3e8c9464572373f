import * as v from 'valibot';
import { PlanIdSchema, PricePlanSchema } from '../../shared/domain/price-plan-catalogue.js';
import { productNameProblem } from '../../shared/domain/octopus-names.js';
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
  // A new plan's id must name its Octopus product both ways (the /v1/ read API: upper-cased and back).
  pathSchema: v.object({ pricePlanId: v.pipe(PlanIdSchema, v.check((id) => productNameProblem(id) === undefined, productNameProblem('A') ?? '')) }),
  bodySchema: PricePlanSchema,
} as const satisfies RouteEntry;
