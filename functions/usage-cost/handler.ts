import { relativePeriodSpan } from '../../shared/domain/calendar.js';
import { untilNow } from '../../shared/domain/time.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { usageCost } from './use-case.js';

/** GET /usage/{smartMeterId}/cost?period=last-week|last-7-days (or from&to), at, tz: usage cost under the plans of its time. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => {
    const span =
      query.period !== undefined ? relativePeriodSpan(query.period, query.at ?? deps.now(), query.tz) : { from: query.from!, to: query.to! };
    return { body: await usageCost(deps, account, untilNow(span, deps.now())) };
  },
);
