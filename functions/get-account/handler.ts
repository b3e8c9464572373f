import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsStore, now } from '../../shared/runtime.js';
import { accountAnswer } from '../../shared/services/accounts.js';
import { route } from './route.js';

/** GET /accounts/{smartMeterId}: the meter's plan now and its plan history (the account the pipeline read). */
export const handler = routeHandler(
  route,
  () => ({ accounts: accountsStore() }),
  async ({ account }) => ({ body: accountAnswer(account, now()) }),
);
