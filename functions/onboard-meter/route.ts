import * as v from 'valibot';
import { GAS_UNITS, METER_KINDS } from '../../shared/domain/accounts.js';
import { DIRECTIONS, FUELS } from '../../shared/domain/price-plan-catalogue.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';
import { PlanIdSchema, SmartMeterIdSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'onboardMeter',
  method: 'POST',
  path: '/admin/meters',
  access: { ...OPERATORS_ONLY, scopes: ['meters.manage'] },
  stores: { accounts: 'create', meterKeys: 'create', pricePlans: 'read', audit: 'append' },
  // What the meter was onboarded as; never its key.
  audit: {
    details: ({ body }) => {
      const { pricePlanId, customerId, kind, direction, importMeterId, electricityMeterId, fuel, units } = body as Record<string, string | undefined>;
      return {
        pricePlanId,
        customerId: customerId ?? null,
        kind: kind ?? (fuel === 'gas' ? 'interval' : 'power'),
        direction: direction ?? 'import',
        fuel: fuel ?? 'electricity',
        ...(units !== undefined && { units }),
        ...(importMeterId !== undefined && { importMeterId }),
        ...(electricityMeterId !== undefined && { electricityMeterId }),
      };
    },
    pricePlanId: ({ body }) => (body as { pricePlanId: string }).pricePlanId,
  },
  successStatus: 201,
  bodySchema: v.object({
    smartMeterId: SmartMeterIdSchema,
    pricePlanId: PlanIdSchema,
    customerId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
    kind: v.optional(v.picklist(METER_KINDS)),
    /** Default import; an export meter names its household's import meter. */
    direction: v.optional(v.picklist(DIRECTIONS)),
    importMeterId: v.optional(SmartMeterIdSchema),
    /** Default electricity; a gas meter is an interval meter of volume, in `units` (default metric: m³). */
    fuel: v.optional(v.picklist(FUELS)),
    units: v.optional(v.picklist(GAS_UNITS)),
    /** A gas meter's household electricity meter (dual fuel): same customer, one gas meter each. */
    electricityMeterId: v.optional(SmartMeterIdSchema),
  }),
} as const satisfies RouteEntry;
