import { HALF_HOUR_SECONDS } from '../../shared/domain/time.js';
import { todayAndTomorrow } from '../../shared/domain/time.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { now, pricePlans } from '../../shared/runtime.js';
import { carbonIntensity } from '../../shared/services/half-hour-rates.js';
import type { CarbonIntensity } from './docs.js';
import { route } from './route.js';

/** GET /carbon-intensity?from&to: the published half hours, ascending (default: today and tomorrow, UTC). */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans(), now }),
  async ({ query }, deps) => {
    const { from, to } = todayAndTomorrow(query, deps.now());
    const found = await carbonIntensity(deps.pricePlans, from, to);
    const body: CarbonIntensity = {
      intensity: [...found].sort(([a], [b]) => a - b).map(([start, gCO2PerKWh]) => ({ from: start, to: start + HALF_HOUR_SECONDS, gCO2PerKWh })),
    };
    return { body };
  },
);
