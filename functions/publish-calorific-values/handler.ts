import { routeHandler } from '../../shared/http/pipeline.js';
import { CALORIFIC_VALUE_SERIES } from '../../shared/ports/price-plans-store.js';
import { auditLog, now, pricePlansChanged, pricePlansStore } from '../../shared/runtime.js';
import { publishHalfHours } from '../../shared/services/half-hour-publishing.js';
import type { PublishedCalorificValues } from './docs.js';
import { route } from './route.js';

/** PUT /admin/calorific-values: a day's value in its first half hour, final once the day has started. */
export const handler = routeHandler(
  route,
  () => ({ store: pricePlansStore(), now, audit: auditLog() }),
  async ({ body }, deps) => {
    const values = body.values.map(({ from, mjPerM3 }) => ({ from, value: mjPerM3 }));
    await publishHalfHours(deps.store, CALORIFIC_VALUE_SERIES, values, deps.now(), 'calorific value');
    pricePlansChanged();
    const answer: PublishedCalorificValues = { published: values.length };
    return { body: answer };
  },
);
