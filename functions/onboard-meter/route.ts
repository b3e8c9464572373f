import * as z from 'zod/mini';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';
import { PlanIdSchema, SmartMeterIdSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'onboardMeter',
  method: 'POST',
  path: '/admin/meters',
  access: OPERATORS_ONLY,
  stores: { accounts: 'keys', meterKeys: 'write' },
  successStatus: 201,
  bodySchema: z.object({
    smartMeterId: SmartMeterIdSchema,
    pricePlanId: PlanIdSchema,
    customerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  }),
} as const satisfies RouteEntry;
