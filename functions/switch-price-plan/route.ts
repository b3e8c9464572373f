import * as v from 'valibot';
import { MAX_EPOCH_SECONDS } from '../../shared/domain/readings.js';
import { OWNER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { MeterPathSchema, PlanIdSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'switchPricePlan',
  method: 'PUT',
  path: '/accounts/{smartMeterId}/price-plan',
  access: { ...OWNER_OR_OPERATOR, operatorOnlyFields: ['from'], scopes: ['meters.manage'] },
  stores: { accounts: 'switch', pricePlans: 'read', audit: 'append' },
  // A switch's plans before and after, when it takes effect, and a pair's export plan.
  audit: {
    details: ({ body, account, answer }) => {
      const { pricePlanId, exportPricePlanId, from } = body as { pricePlanId: string; exportPricePlanId?: string; from?: number };
      const history = (answer() as { planHistory: { pricePlanId: string; from: number }[] }).planHistory;
      const changed = history.length > (account?.planHistory.length ?? 0);
      return {
        fromPlan: account?.planHistory.at(-1)?.pricePlanId ?? null,
        toPlan: pricePlanId,
        effectiveFrom: changed ? history.at(-1)!.from : null,
        ...(from !== undefined && { requestedFrom: from }),
        ...(exportPricePlanId !== undefined && { exportPricePlanId }),
      };
    },
    pricePlanId: ({ body }) => (body as { pricePlanId: string }).pricePlanId,
  },
  pathSchema: MeterPathSchema,
  bodySchema: v.object({
    pricePlanId: PlanIdSchema,
    /** A solar household's import meter only: its export meter's plan, switched together with this one. */
    exportPricePlanId: v.optional(PlanIdSchema),
    /** Operators only: when the switch takes effect (default now). */
    from: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_EPOCH_SECONDS))),
  }),
} as const satisfies RouteEntry;
