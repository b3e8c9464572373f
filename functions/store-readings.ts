import { ReadingsBatchSchema } from '../shared/domain/readings.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { jsonBody } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';
import { parseOrThrow } from '../shared/validation.js';

/** POST /readings/store: answers only after every reading is written, echoing the batch. */
export const handler = apiHandler(async (event) => {
  const batch = parseOrThrow(ReadingsBatchSchema, jsonBody(event));
  await energyService().storeReadings(batch);
  return { body: batch };
});
