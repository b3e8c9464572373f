import { MeterPathSchema } from '../shared/http/api-schemas.js';
import { apiHandler } from '../shared/http/api-handler.js';
import { pathParameters } from '../shared/http/request.js';
import { energyService } from '../shared/runtime.js';

/** GET /readings/read/{smartMeterId}: the meter's readings, ascending by time. */
export const handler = apiHandler(async (event) => {
  const { smartMeterId } = pathParameters(event, MeterPathSchema);
  return { body: await energyService().readReadings(smartMeterId) };
});
