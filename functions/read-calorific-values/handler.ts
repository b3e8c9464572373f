import { DAY_SECONDS, dayOf } from '../../shared/domain/time.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { now, pricePlans } from '../../shared/runtime.js';
import { calorificValues } from '../../shared/services/calorific-values.js';
import type { CalorificValues } from './docs.js';
import { route } from './route.js';

/** GET /calorific-values?from&to: the published days, ascending (default: the last 30 days and tomorrow). */
export const handler = routeHandler(
  route,
  () => ({ pricePlans: pricePlans(), now }),
  async ({ query }, deps) => {
    const today = dayOf(deps.now());
    const to = query.to ?? today + 2 * DAY_SECONDS;
    const from = query.from ?? Math.max(0, today - 30 * DAY_SECONDS);
    const found = await calorificValues(deps.pricePlans, { from, to });
    const body: CalorificValues = { values: [...found].sort(([a], [b]) => a - b).map(([day, mjPerM3]) => ({ from: day, to: day + DAY_SECONDS, mjPerM3 })) };
    return { body };
  },
);
