import { routeHandler } from '../shared/http/route-handler.js';

/** GET /price-plans/savings/{smartMeterId}: every plan over the last 30 days and 12 months, and the advice. */
export const handler = routeHandler('priceSavings', async ({ path }, service) => ({ body: await service.savings(path.smartMeterId) }));
