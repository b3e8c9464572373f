import { readFileSync } from 'node:fs';
import { MAX_INTERVALS_PER_CALL } from '../functions/store-intervals/route.js';
import type { Interval } from '../shared/domain/energy-source.js';
import { parseIntervalFile, type IntervalFileOptions, type IntervalFormat } from '../shared/domain/interval-files.js';
import { MAX_BATCH_HOURS, type Reading } from '../shared/domain/readings.js';
import { parseInstant } from '../shared/domain/time.js';
import { TERMINAL, type CommandOutput } from './command-output.js';

/**
 * History in: a CSV of `time,reading` (epoch seconds or ISO 8601; kW), or the half-hourly
 * `interval_start,interval_end,kwh` our own export writes, turned into readings and sent in batches under the store's
 * limits, with retries (the store is idempotent: a batch sent twice lands once).
 */

/** Epoch seconds, or an ISO 8601 time; an impossible date or time (2026-11-31, 24:30) is refused, never rolled over. */
export const toEpoch = (text: string, where: string): number => {
  const time = parseInstant(text);
  if (time === undefined) throw new Error(`${where}: '${text}' is neither epoch seconds nor a valid ISO 8601 date or time`);
  return time;
};

/**
 * Readings that reproduce each half hour's energy exactly under trapezoid integration: 0 kW at the half hour's start
 * and end, 4 × kWh at its middle (two quarter hours of a linear ramp: (0 + p)/2 × ¼ h × 2 = p/4). Never negative, and
 * exact to the store's 1 mW for kWh given to 0.001.
 */
export function readingsOfHalfHours(intervals: readonly { from: number; to: number; kWh: number }[]): Reading[] {
  const byTime = new Map<number, number>();
  for (const { from, to, kWh } of intervals) {
    const hours = (to - from) / 3600;
    byTime.set(from, byTime.get(from) ?? 0);
    byTime.set((from + to) / 2, Math.round((2 * kWh * 1e6) / hours) / 1e6);
    byTime.set(to, byTime.get(to) ?? 0);
  }
  return [...byTime].sort(([a], [b]) => a - b).map(([time, reading]) => ({ time, reading }));
}

/** The readings a CSV holds, whichever of the two formats it is (told by its header row). */
export function parseReadingsCsv(text: string): Reading[] {
  const rows = text.split(/\r?\n/).map((row) => row.trim()).filter(Boolean);
  const header = rows[0]?.toLowerCase().replace(/\s/g, '') ?? '';
  const body = rows.slice(1).map((row, i) => ({ cells: row.split(','), line: i + 2 }));
  if (header === 'interval_start,interval_end,kwh') {
    return readingsOfHalfHours(
      body.map(({ cells, line }) => {
        const kWh = Number(cells[2]);
        if (cells.length !== 3 || !Number.isFinite(kWh) || kWh < 0) throw new Error(`line ${line}: expected interval_start,interval_end,kwh`);
        return { from: toEpoch(cells[0]!, `line ${line}`), to: toEpoch(cells[1]!, `line ${line}`), kWh };
      }),
    );
  }
  if (header !== 'time,reading') throw new Error(`the header must be time,reading or interval_start,interval_end,kwh, not '${rows[0] ?? ''}'`);
  return body
    .map(({ cells, line }) => {
      const reading = Number(cells[1]);
      if (cells.length !== 2 || !Number.isFinite(reading)) throw new Error(`line ${line}: expected time,reading`);
      return { time: toEpoch(cells[0]!, `line ${line}`), reading };
    })
    .sort((a, b) => a.time - b.time);
}

/**
 * Items in order, cut into batches of at most `maxKeys` distinct keys and `maxItems` items: what a route accepts in
 * one call (distinct hours of readings, UTC days and half hours of prices).
 */
export function batchesByKey<T>(items: readonly T[], keyOf: (item: T) => number, maxKeys: number, maxItems = Infinity): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let keys = new Set<number>();
  for (const item of items) {
    const key = keyOf(item);
    if ((!keys.has(key) && keys.size === maxKeys) || current.length === maxItems) {
      batches.push(current);
      [current, keys] = [[], new Set()];
    }
    keys.add(key);
    current.push(item);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Sorted readings cut into batches of at most `maxHours` distinct hours (the store's limit is MAX_BATCH_HOURS). */
export const batchesOf = (readings: readonly Reading[], maxHours = MAX_BATCH_HOURS): Reading[][] => batchesByKey(readings, (r) => Math.floor(r.time / 3600), maxHours);

export interface ImportSummary {
  readings: number;
  batches: number;
  stored: number;
  /** Batches the API answered with a 4xx: it will refuse them again as they are (the reason says why). */
  refused: { batch: number; readings: number; status: number; message: string }[];
  /**
   * Batches not delivered: no answer (the API is down or unreachable; the rest are then not sent), or a 5xx or 429 that
   * outlasted the retries. Sending the file again delivers them (the store is idempotent).
   */
  failed: { batch: number; readings: number; status: number; message: string }[];
  retries: number;
  seconds: number;
}

/** Where a batch goes: a power meter's readings (the default) or an interval meter's half hours. */
export interface BatchRoute<T> {
  path: string;
  body: (smartMeterId: string, batch: readonly T[]) => unknown;
}
export const READINGS_ROUTE: BatchRoute<Reading> = { path: '/readings/store', body: (smartMeterId, electricityReadings) => ({ smartMeterId, electricityReadings }) };
export const INTERVALS_ROUTE: BatchRoute<Interval> = { path: '/readings/intervals', body: (smartMeterId, intervals) => ({ smartMeterId, intervals }) };

/** A gas meter's half hours, their values sent as the volume unit the file holds (`--unit`): m3 or ft3x100. */
export const volumesRoute = (unit: 'm3' | 'ft3x100'): BatchRoute<Interval> => ({
  path: '/readings/intervals',
  body: (smartMeterId, intervals) => ({ smartMeterId, intervals: intervals.map(({ start, kWh: volume }) => ({ start, [unit]: volume })) }),
});

/**
 * Sends every batch to its route (POST /readings/store unless told), `concurrency` at a time. A 5xx, a 429 or a
 * dropped connection is retried with backoff (up to 8 attempts: both stores are idempotent); a 4xx is a refusal,
 * reported with its reason, not retried; a 409 (the meter is of the other kind) stops the rest, refused the same way.
 */
export async function sendBatches<T = Reading>(options: {
  api: string;
  token?: string;
  smartMeterId: string;
  batches: readonly T[][];
  route?: BatchRoute<T>;
  concurrency?: number;
  /** Attempts per batch before it counts as not delivered (default 8). */
  attempts?: number;
  onProgress?: (done: { readings: number; batches: number }) => void;
}): Promise<ImportSummary> {
  const started = Date.now();
  const summary: ImportSummary = { readings: options.batches.reduce((n, b) => n + b.length, 0), batches: options.batches.length, stored: 0, refused: [], failed: [], retries: 0, seconds: 0 };
  const route = options.route ?? (READINGS_ROUTE as unknown as BatchRoute<T>);
  let unreachable: string | undefined;
  let wrongKind: string | undefined;
  let next = 0;
  let sentReadings = 0;
  let sentBatches = 0;
  const worker = async () => {
    while (next < options.batches.length && unreachable === undefined && wrongKind === undefined) {
      const index = next++;
      const batch = options.batches[index]!;
      for (let attempt = 1; ; attempt++) {
        let status = 0;
        let message = '';
        try {
          const response = await fetch(`${options.api}${route.path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(options.token && { authorization: `Bearer ${options.token}` }) },
            body: JSON.stringify(route.body(options.smartMeterId, batch)),
          });
          status = response.status;
          message = status === 200 ? '' : (((await response.json().catch(() => ({}))) as { message?: string }).message ?? response.statusText);
        } catch (error) {
          message = (error as Error).message;
        }
        if (status === 200) {
          summary.stored += batch.length;
          break;
        }
        const retryable = status === 0 || status === 429 || status >= 500;
        if (!retryable) {
          summary.refused.push({ batch: index, readings: batch.length, status, message });
          if (status === 409) wrongKind = message; // the meter's kind: every other batch would be refused alike
          break;
        }
        if (attempt >= (options.attempts ?? 8)) {
          summary.failed.push({ batch: index, readings: batch.length, status, message });
          if (status === 0) unreachable = message; // no answer at all: the rest would fail the same way
          break;
        }
        summary.retries++;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5000, 100 * 2 ** attempt)));
      }
      sentReadings += batch.length;
      sentBatches++;
      options.onProgress?.({ readings: sentReadings, batches: sentBatches });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  for (let index = next; index < options.batches.length; index++) {
    if (wrongKind !== undefined) summary.refused.push({ batch: index, readings: options.batches[index]!.length, status: 409, message: `not sent: ${wrongKind}` });
    else summary.failed.push({ batch: index, readings: options.batches[index]!.length, status: 0, message: `not sent: the API did not answer (${unreachable})` });
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/**
 * Reads a CSV and sends it (the `npm run import` and `npm run ops -- import` commands): a progress bar with readings/s
 * and the ETA on the terminal's stderr, a summary on `output`. Resolves the exit code: 0, 1 when anything was refused,
 * 2 for a bad file.
 */
export async function importFile(options: {
  api: string;
  token?: string;
  smartMeterId: string;
  file: string;
  hours?: number;
  concurrency?: number;
  /** A supplier's half-hour download (interval meters); without it, power readings as today. */
  format?: IntervalFormat;
  timestamps?: IntervalFileOptions['timestamps'];
  /** The value column is a gas volume in this unit (a gas meter's download), not kWh. */
  unit?: 'm3' | 'ft3x100';
  /** Where the summary and a bad file's message go (default: stdout and stderr). */
  output?: CommandOutput;
}): Promise<number> {
  const { out, err } = options.output ?? TERMINAL;
  let parsed: { items: number; batches: (Reading | Interval)[][]; route: BatchRoute<Reading | Interval>; unit: string };
  try {
    const text = readFileSync(options.file, 'utf8');
    if (options.format) {
      const intervals = parseIntervalFile(text, options.format, { timestamps: options.timestamps }).sort((a, b) => a.start - b.start);
      const batches = batchesByKey(intervals, (i) => i.start, MAX_INTERVALS_PER_CALL);
      const route = options.unit ? volumesRoute(options.unit) : INTERVALS_ROUTE;
      parsed = { items: intervals.length, batches, route: route as BatchRoute<Reading | Interval>, unit: 'half hours' };
    } else {
      const readings = parseReadingsCsv(text);
      parsed = { items: readings.length, batches: batchesOf(readings, options.hours ?? MAX_BATCH_HOURS), route: READINGS_ROUTE as BatchRoute<Reading | Interval>, unit: 'readings' };
    }
  } catch (error) {
    err(`${options.file}: ${(error as Error).message}`);
    return 2;
  }
  const { items, batches, unit } = parsed;
  const started = Date.now();
  const bar = ({ readings: done, batches: sent }: { readings: number; batches: number }) => {
    const share = done / items;
    const rate = done / Math.max((Date.now() - started) / 1000, 0.001);
    const eta = rate > 0 ? (items - done) / rate : 0;
    const width = 30;
    process.stderr.write(`\r[${'#'.repeat(Math.round(share * width)).padEnd(width)}] ${(share * 100).toFixed(0).padStart(3)}% ${sent}/${batches.length} batches, ${Math.round(rate).toLocaleString('en-GB')} ${unit}/s, ETA ${Math.ceil(eta)} s   `);
  };
  const summary = await sendBatches({ api: options.api, token: options.token, smartMeterId: options.smartMeterId, batches, route: parsed.route, concurrency: options.concurrency, onProgress: bar });
  process.stderr.write('\n');
  out(
    `sent ${summary.readings.toLocaleString('en-GB')} ${unit} in ${summary.batches} batches to ${options.api} in ${summary.seconds.toFixed(1)} s ` +
      `(${Math.round(summary.readings / Math.max(summary.seconds, 0.001)).toLocaleString('en-GB')} ${unit}/s): stored ${summary.stored.toLocaleString('en-GB')}, ` +
      `refused ${summary.refused.reduce((n, r) => n + r.readings, 0).toLocaleString('en-GB')}, ` +
      `not delivered ${summary.failed.reduce((n, r) => n + r.readings, 0).toLocaleString('en-GB')}, ${summary.retries} retries`,
  );
  for (const refusal of summary.refused.slice(0, 10)) out(`  refused: batch ${refusal.batch} (${refusal.readings} ${unit}): ${refusal.status} ${refusal.message}`);
  if (summary.refused.length > 10) out(`  refused: ${summary.refused.length - 10} more batches`);
  for (const failure of summary.failed.slice(0, 10)) out(`  not delivered: batch ${failure.batch} (${failure.readings} ${unit}): ${failure.status || 'no answer'} ${failure.message}`);
  if (summary.failed.length > 10) out(`  not delivered: ${summary.failed.length - 10} more batches`);
  if (summary.failed.length > 0) out('  run the import again to deliver them: the store is idempotent, nothing is stored twice');
  return summary.refused.length + summary.failed.length > 0 ? 1 : 0;
}
