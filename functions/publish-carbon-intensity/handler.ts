import { routeHandler } from '../../shared/http/pipeline.js';
import { CARBON_INTENSITY_SERIES } from '../../shared/ports/price-plans-store.js';
import { auditLog, now, pricePlansChanged, pricePlansStore } from '../../shared/runtime.js';
import { publishHalfHours } from '../../shared/services/half-hour-publishing.js';
import type { PublishedIntensity } from './docs.js';
import { route } from './route.js';

/**
 * PUT /admin/carbon-intensity: publishes half-hour carbon intensity (forecasts may be replaced until their half hour
 * starts; then, like prices, final: the same value again is a no-op, another a 409).
 */
export const handler = routeHandler(
  route,
  () => ({ store: pricePlansStore(), now, audit: auditLog() }),
  async ({ body }, deps) => {
    const values = body.intensity.map(({ from, gCO2PerKWh }) => ({ from, value: gCO2PerKWh }));
    await publishHalfHours(deps.store, CARBON_INTENSITY_SERIES, values, deps.now(), 'carbon intensity');
    pricePlansChanged();
    const answer: PublishedIntensity = { published: values.length };
    return { body: answer };
  },
);
