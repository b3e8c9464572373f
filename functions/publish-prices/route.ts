import { spanOfStarts } from '../../shared/domain/audit.js';
import * as v from 'valibot';
import { PlanIdSchema } from '../../shared/domain/price-plan-catalogue.js';
import { HALF_HOUR_SECONDS } from '../../shared/domain/time.js';
import { MAX_EPOCH_SECONDS } from '../../shared/domain/readings.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

/** Most half hours one call publishes: three weeks of a dynamic plan, a few transactions. */
export const MAX_PRICES_PER_CALL = 1000;

const PublishedPriceSchema = v.object({
  /** The half hour's start: epoch seconds at :00 or :30 UTC. */
  from: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_EPOCH_SECONDS), v.multipleOf(HALF_HOUR_SECONDS, 'must start a half hour (:00 or :30 UTC, a multiple of 1800)')),
  /** Without VAT, in the minor unit of the catalogue currency; negative when the supplier pays for use. */
  unitRate: v.pipe(v.number(), v.minValue(-1_000_000), v.maxValue(1_000_000)),
});

export const route = {
  operationId: 'publishPrices',
  method: 'PUT',
  path: '/admin/price-plans/{pricePlanId}/prices',
  access: { ...OPERATORS_ONLY, scopes: ['prices.publish'] },
  stores: { pricePlans: 'write', audit: 'append' },
  // The half hours published: their range and count.
  audit: {
    details: ({ body }) => {
      const prices = (body as { prices: { from: number }[] }).prices;
      return { halfHours: prices.length, ...spanOfStarts(prices.map((p) => p.from), 1800) };
    },
    pricePlanId: ({ path }) => (path as { pricePlanId: string }).pricePlanId,
  },
  pathSchema: v.object({ pricePlanId: PlanIdSchema }),
  bodySchema: v.object({
    prices: v.pipe(
      v.array(PublishedPriceSchema),
      v.minLength(1),
      v.maxLength(MAX_PRICES_PER_CALL),
      v.check((prices) => new Set(prices.map((p) => p.from)).size === prices.length, 'must name each half hour once'),
    ),
  }),
} as const satisfies RouteEntry;
