/**
 * `npm run import -- --meter ID --file readings.csv [--api URL] [--token T] [--hours N] [--concurrency N]`: sends a
 * meter's history to the API (default: the local `npm start`), with a progress bar and a summary at the end.
 */
import { parseArgs } from 'node:util';
import { importFile } from './import-readings.js';

const { values } = parseArgs({
  options: {
    meter: { type: 'string' },
    file: { type: 'string' },
    api: { type: 'string', default: `http://localhost:${process.env.PORT ?? 5000}` },
    token: { type: 'string', default: process.env.JOI_TOKEN },
    hours: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.meter || !values.file) {
  console.log('usage: npm run import -- --meter ID --file readings.csv [--api URL] [--token T] [--hours N] [--concurrency N]\n' +
    '  the file: time,reading (epoch seconds or ISO 8601; kW) or our export\'s interval_start,interval_end,kwh');
  process.exit(values.help ? 0 : 2);
}
process.exit(await importFile({ api: values.api, token: values.token, smartMeterId: values.meter, file: values.file, hours: Number(values.hours), concurrency: Number(values.concurrency) }));
