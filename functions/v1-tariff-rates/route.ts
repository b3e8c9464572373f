import * as v from 'valibot';
import { ANYONE, type RouteEntry } from '../../shared/http/route-entry.js';
import { octopusTimeText, pagingFields } from '../../shared/http/octopus.js';
import { TARIFF_TYPES, type TariffType } from '../../shared/http/octopus-products.js';
import { fieldRule } from '../../shared/http/request-schemas.js';

export const RATE_TYPES = ['standard-unit-rates', 'day-unit-rates', 'night-unit-rates', 'standing-charges'] as const;
export type RateType = (typeof RATE_TYPES)[number];

export const route = {
  operationId: 'v1TariffRates',
  method: 'GET',
  path: '/v1/products/{productCode}/{tariffType}/{tariffCode}/{rateType}',
  access: ANYONE,
  octopusCompatible: true,
  stores: { pricePlans: 'read' },
  pathSchema: v.object({
    productCode: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    tariffType: v.picklist(Object.keys(TARIFF_TYPES) as TariffType[], 'must be electricity-tariffs or gas-tariffs'),
    tariffCode: v.pipe(v.string(), v.minLength(1), v.maxLength(160)),
    rateType: v.picklist(RATE_TYPES, `must be one of ${RATE_TYPES.join(', ')}`),
  }),
  querySchema: v.pipe(
    v.object({ period_from: v.optional(octopusTimeText()), period_to: v.optional(octopusTimeText()), ...pagingFields(100, 1500) }),
    fieldRule('period_from', (q) => q.period_from === undefined || q.period_to === undefined || q.period_from < q.period_to, 'must be before period_to'),
  ),
} as const satisfies RouteEntry;
