/**
 * `npm run import -- --meter ID --file readings.csv [--api URL] [--token T] [--hours N] [--concurrency N]`: sends a
 * meter's history to the API (default: the local `npm start`), with a progress bar and a summary at the end.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { batchesOf, parseReadingsCsv, sendBatches } from './import-readings.js';

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
let readings;
try {
  readings = parseReadingsCsv(readFileSync(values.file, 'utf8'));
} catch (error) {
  console.error(`${values.file}: ${(error as Error).message}`);
  process.exit(2);
}
const batches = batchesOf(readings, Number(values.hours));
const started = Date.now();
const bar = ({ readings: done, batches: sent }: { readings: number; batches: number }) => {
  const share = done / readings.length;
  const seconds = (Date.now() - started) / 1000;
  const rate = done / Math.max(seconds, 0.001);
  const eta = rate > 0 ? (readings.length - done) / rate : 0;
  const width = 30;
  process.stderr.write(`\r[${'#'.repeat(Math.round(share * width)).padEnd(width)}] ${(share * 100).toFixed(0).padStart(3)}% ${sent}/${batches.length} batches, ${Math.round(rate).toLocaleString('en-GB')} readings/s, ETA ${Math.ceil(eta)} s   `);
};
const summary = await sendBatches({ api: values.api, token: values.token, smartMeterId: values.meter, batches, concurrency: Number(values.concurrency), onProgress: bar });
process.stderr.write('\n');
console.log(
  `sent ${summary.readings.toLocaleString('en-GB')} readings in ${summary.batches} batches to ${values.api} in ${summary.seconds.toFixed(1)} s ` +
    `(${Math.round(summary.readings / Math.max(summary.seconds, 0.001)).toLocaleString('en-GB')} readings/s): stored ${summary.stored.toLocaleString('en-GB')}, ` +
    `refused ${summary.refused.reduce((n, r) => n + r.readings, 0).toLocaleString('en-GB')}, ${summary.retries} retries`,
);
for (const refusal of summary.refused) console.log(`  batch ${refusal.batch} (${refusal.readings} readings): ${refusal.status || 'no answer'} ${refusal.message}`);
process.exit(summary.refused.length > 0 ? 1 : 0);
