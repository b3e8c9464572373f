/**
 * `npm run import -- --meter ID [--format F [--timestamps start|end]] FILE [--api URL] [--token T] [--hours N]
 * [--concurrency N]`: sends a meter's history to the API (default: the local `npm start`), with a progress bar and a
 * summary at the end. Without `--format`, a power meter's readings; with it, an interval meter's half hours from a
 * supplier's download.
 */
import { parseArgs } from 'node:util';
import { INTERVAL_FORMATS, type IntervalFormat } from '../shared/domain/interval-files.js';
import { importFile } from './import-readings.js';

const USAGE =
  'usage: npm run import -- --meter ID [--format F] FILE [--api URL] [--token T] [--hours N] [--concurrency N]\n' +
  "  without --format: time,reading (epoch seconds or ISO 8601; kW) or our export's interval_start,interval_end,kwh\n" +
  `  --format ${INTERVAL_FORMATS.join('|')}: a supplier's half-hour download, for an interval meter\n` +
  '  --unit m3|ft3x100: its value column is a gas volume (a gas meter\'s download), not kWh\n' +
  '  --timestamps start|end: n3rgy only, whether a timestamp marks the half hour\'s start or (default) its end';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    meter: { type: 'string' },
    file: { type: 'string' },
    format: { type: 'string' },
    timestamps: { type: 'string' },
    unit: { type: 'string' },
    api: { type: 'string', default: `http://localhost:${process.env.PORT ?? 5000}` },
    token: { type: 'string', default: process.env.JOI_TOKEN },
    hours: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    help: { type: 'boolean', default: false },
  },
});
const file = values.file ?? positionals[0];
const refuse = (message: string): never => {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
};
if (values.help || !values.meter || !file) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
if (values.format !== undefined && !(INTERVAL_FORMATS as readonly string[]).includes(values.format)) refuse(`--format must be one of ${INTERVAL_FORMATS.join(', ')}, not '${values.format}'`);
if (values.timestamps !== undefined && values.timestamps !== 'start' && values.timestamps !== 'end') refuse(`--timestamps must be start or end, not '${values.timestamps}'`);
if (values.unit !== undefined && values.unit !== 'm3' && values.unit !== 'ft3x100') refuse(`--unit must be m3 or ft3x100, not '${values.unit}'`);
if (values.unit !== undefined && values.format === undefined) refuse('--unit is for a half-hour download (--format): a gas meter\'s volumes');
process.exit(
  await importFile({
    api: values.api,
    token: values.token,
    smartMeterId: values.meter,
    file,
    format: values.format as IntervalFormat | undefined,
    timestamps: values.timestamps as 'start' | 'end' | undefined,
    unit: values.unit as 'm3' | 'ft3x100' | undefined,
    hours: Number(values.hours),
    concurrency: Number(values.concurrency),
  }),
);
