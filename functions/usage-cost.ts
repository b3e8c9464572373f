import { relativePeriodSpan } from '../shared/domain/calendar.js';
import { routeHandler } from '../shared/http/route-handler.js';

/** GET /usage/{smartMeterId}/cost?period=last-week|last-7-days (or from&to), at, tz: usage cost under the current plan. */
export const handler = routeHandler('usageCost', async ({ path, query }, service) => {
  const span =
    query.period !== undefined
      ? relativePeriodSpan(query.period, query.at ?? Math.floor(Date.now() / 1000), query.tz)
      : { from: query.from!, to: query.to! };
  return { body: await service.usageCost(path.smartMeterId, span) };
});
