import { planAt } from '../../shared/domain/accounts.js';
import { NoPricePlanError } from '../../shared/errors.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, now, pricePlans } from '../../shared/runtime.js';
import { cheapestWindow } from '../../shared/services/cheapest-window.js';
import { route } from './route.js';

/** GET /advice/{smartMeterId}/cheapest-window: the cheapest time to use energy on the meter's plan in force at `from`. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsReader(), pricePlans: pricePlans(), now }),
  async ({ account, query }, deps) => {
    const at = query.from ?? deps.now();
    const pricePlanId = planAt(account, at);
    if (pricePlanId === undefined) throw new NoPricePlanError(account.smartMeterId);
    return { body: await cheapestWindow(deps.pricePlans, pricePlanId, { ...query, from: at }, deps.now()) };
  },
);
