import { routeHandler } from '../shared/http/route-handler.js';

/** POST /readings/store: answers only after every reading is written, echoing the batch. */
export const handler = routeHandler('storeReadings', async ({ body }, service) => {
  await service.storeReadings(body);
  return { body };
});
