import { spanOfStarts } from '../../shared/domain/audit.js';
import * as v from 'valibot';
import { HALF_HOUR_SECONDS } from '../../shared/domain/time.js';
import { MAX_EPOCH_SECONDS } from '../../shared/domain/readings.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';

/** Most half hours one call publishes (a GB forecast is 96: 48 hours ahead). */
export const MAX_INTENSITIES_PER_CALL = 1000;

export const route = {
  operationId: 'publishCarbonIntensity',
  method: 'PUT',
  path: '/admin/carbon-intensity',
  access: { ...OPERATORS_ONLY, scopes: ['prices.publish'] },
  // The one carbon series of the deployment lives beside the prices, under the same rule: a started half hour is final.
  stores: { pricePlans: 'write', audit: 'append' },
  audit: {
    details: ({ body }) => {
      const intensity = (body as { intensity: { from: number }[] }).intensity;
      return { halfHours: intensity.length, ...spanOfStarts(intensity.map((i) => i.from), 1800) };
    },
  },
  bodySchema: v.object({
    intensity: v.pipe(
      v.array(
        v.object({
          from: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_EPOCH_SECONDS), v.multipleOf(HALF_HOUR_SECONDS, 'must start a half hour (:00 or :30 UTC, a multiple of 1800)')),
          gCO2PerKWh: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
        }),
      ),
      v.minLength(1),
      v.maxLength(MAX_INTENSITIES_PER_CALL),
      v.check((values) => new Set(values.map((i) => i.from)).size === values.length, 'must name each half hour once'),
    ),
  }),
} as const satisfies RouteEntry;
