import type { RouteDocs } from '../../shared/http/openapi.js';
import * as v from 'valibot';
import { ReadingAnswerSchema } from '../../shared/http/response-schemas.js';

export const docs: RouteDocs = {
  summary: 'Store a batch of power readings from a smart meter; answers once all are written, echoing the batch as stored.',
  description:
    'A reading is `{time, reading}`: epoch seconds (an integer from 946684800, 2000-01-01, to at most 24 h ahead of the ' +
    'server clock) and the power ' +
    'in kW, any finite number from 0 to 1,000. Readings are stored at 1 mW resolution: rounded half-to-even to 6 ' +
    'decimal places (so `0.12000000000000001` is stored as `0.12`, and anything below 0.0000005 kW as 0), and the ' +
    'echo shows them as stored. One time sent twice with different values is refused (400, naming both); identical ' +
    'repeats are stored once. A batch may touch at most 1,000 distinct hours: split larger backlogs. Everything is ' +
    'checked before anything is written. Storing the same meter and time again replaces the value, so a retried batch ' +
    'never duplicates. If a write fails part-way (503/500), some readings of the batch may already be stored: nothing ' +
    'was acknowledged, and retrying the same batch completes it.',
  bodyExample: {
    smartMeterId: 'smart-meter-0',
    electricityReadings: [
      { time: 1606636800, reading: 0.0503 },
      { time: 1606636860, reading: 0.0621 },
    ],
  },
  responseSchema: v.strictObject({ smartMeterId: v.string(), electricityReadings: v.array(ReadingAnswerSchema) }),
  errorStatuses: [400, 401, 403, 404, 409, 413, 503],
};
