import * as v from 'valibot';
import { spanOfStarts } from '../../shared/domain/audit.js';
import { MAX_CALORIFIC_VALUE, MIN_CALORIFIC_VALUE } from '../../shared/domain/gas.js';
import { MAX_EPOCH_SECONDS } from '../../shared/domain/readings.js';
import { DAY_SECONDS } from '../../shared/domain/time.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';
import { MAX_DAYS_PER_PUBLICATION } from '../../shared/services/half-hour-publishing.js';

export const route = {
  operationId: 'publishCalorificValues',
  method: 'PUT',
  path: '/admin/calorific-values',
  access: { ...OPERATORS_ONLY, scopes: ['prices.publish'] },
  // Beside the prices and the carbon intensity, under the same rule: a day that has started keeps its value.
  stores: { pricePlans: 'write', audit: 'append' },
  audit: {
    details: ({ body }) => {
      const values = (body as { values: { from: number }[] }).values;
      return { days: values.length, ...spanOfStarts(values.map((value) => value.from), DAY_SECONDS) };
    },
  },
  bodySchema: v.object({
    values: v.pipe(
      v.array(
        v.object({
          from: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_EPOCH_SECONDS), v.multipleOf(DAY_SECONDS, 'must be a UTC day start (a multiple of 86400)')),
          mjPerM3: v.pipe(v.number(), v.minValue(MIN_CALORIFIC_VALUE), v.maxValue(MAX_CALORIFIC_VALUE)),
        }),
      ),
      v.minLength(1),
      v.maxLength(MAX_DAYS_PER_PUBLICATION, `must hold at most ${MAX_DAYS_PER_PUBLICATION} days (a call lands whole or not at all): split longer series`),
      v.check((values) => new Set(values.map((value) => value.from)).size === values.length, 'must name each day once'),
    ),
  }),
} as const satisfies RouteEntry;
