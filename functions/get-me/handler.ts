import { routeHandler } from '../../shared/http/pipeline.js';
import { subOf } from '../../shared/http/caller.js';
import { accountsStore } from '../../shared/runtime.js';
import { ownedMeters } from '../../shared/services/accounts.js';
import { accountNumberOf } from '../../shared/services/personal-keys.js';
import type { Me } from './docs.js';
import { route } from './route.js';

/** GET /me: the signed-in customer, their account number and their meters. */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore() }),
  async ({ caller }, { accounts }) => {
    const customerId = subOf(caller);
    const meters = (await ownedMeters(accounts, customerId)).map(({ smartMeterId, kind, direction, fuel, pricePlanId }) => ({ smartMeterId, kind, direction, fuel, pricePlanId }));
    return { body: { customerId, accountNumber: accountNumberOf(customerId), meters } satisfies Me };
  },
);
