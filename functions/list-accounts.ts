import { routeHandler } from '../shared/http/route-handler.js';

/** GET /accounts: a customer's own meters (what the web app opens on); an operator's first page of all. */
export const handler = routeHandler('listAccounts', async ({ caller }, service) => ({
  body: { accounts: caller.kind === 'customer' ? await service.accountsOwnedBy(caller.sub) : await service.someAccounts() },
}));
