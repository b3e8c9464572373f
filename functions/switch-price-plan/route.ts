import * as z from 'zod/mini';
import { MAX_EPOCH_SECONDS } from '../../shared/domain/readings.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema, PlanIdSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'switchPricePlan',
  method: 'PUT',
  path: '/accounts/{smartMeterId}/price-plan',
  access: { ...OWNER_OR_OPERATOR, operatorOnlyFields: ['from'] },
  stores: { accounts: 'switch' },
  pathSchema: MeterPathSchema,
  bodySchema: z.object({
    pricePlanId: PlanIdSchema,
    /** Operators only: when the switch takes effect (default now). */
    from: z.optional(z.int().check(z.nonnegative(), z.lte(MAX_EPOCH_SECONDS))),
  }),
} as const satisfies RouteEntry;
