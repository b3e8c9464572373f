import { ValidationError } from '../errors.js';
import type { Interval } from './energy-source.js';
import { HALF_HOUR_SECONDS, parseInstant, parseIsoInstant } from './time.js';

/**
 * The files suppliers and data services hand households, read into half-hour intervals: kWh per UTC half hour.
 * Pure (no Node API): the import tool and the web app's bring-your-own-data page share it. A file that is not the
 * format named, or mixes another in, is refused naming its line (CSV, newline-delimited JSON) or its place (JSON).
 * The API's own bounds on the values (at most 100 kWh a half hour, how many per call) are checked where intervals are
 * accepted, not here: a parser reports what the file says.
 */
export const INTERVAL_FORMATS = ['octopus-csv', 'octopus-json', 'n3rgy', 'glowmarkt', 'intervals-csv'] as const;
export type IntervalFormat = (typeof INTERVAL_FORMATS)[number];


export interface IntervalFileOptions {
  /** n3rgy only: whether a timestamp marks the half hour's end (the default, as n3rgy's clients report) or its start. */
  timestamps?: 'start' | 'end';
}

/** Where a value came from in the file, for messages: "line 7" or "page 2, results[5]". */
type Place = string;
interface Located extends Interval {
  place: Place;
}

const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

function instant(text: unknown, place: Place, what: string, requireOffset: boolean): number {
  const value = typeof text === 'string' ? text.trim() : '';
  const seconds = value ? parseIsoInstant(value) : undefined;
  if (seconds === undefined || (requireOffset && !WITH_OFFSET.test(value))) {
    throw new ValidationError(`${place}: ${what} must be an ISO 8601 time${requireOffset ? ' with its offset' : ''}, not '${String(text)}'`);
  }
  return seconds;
}

function energy(value: unknown, place: Place, what: string): number {
  const kWh = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(kWh) || kWh < 0) throw new ValidationError(`${place}: ${what} must be a number of kWh at least 0, not '${String(value)}'`);
  return kWh;
}

function onGrid(start: number, place: Place): number {
  if (start % HALF_HOUR_SECONDS !== 0) throw new ValidationError(`${place}: ${new Date(start * 1000).toISOString()} does not start a UTC half hour (:00 or :30)`);
  return start;
}

function halfHourLong(start: number, end: number, place: Place): void {
  if (end - start !== HALF_HOUR_SECONDS) throw new ValidationError(`${place}: the interval is ${(end - start) / 60} minutes long, not 30`);
}

/** CSV rows after the header, with their line numbers; blank lines skipped. */
function csvRows(text: string): { header: string[]; rows: { cells: string[]; line: number }[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) throw new ValidationError('the file is empty');
  const header = lines[first]!.split(',').map((cell) => cell.trim().toLowerCase());
  const rows = lines.slice(first + 1).flatMap((line, i) => (line.trim() === '' ? [] : [{ cells: line.split(',').map((cell) => cell.trim()), line: first + i + 2 }]));
  return { header, rows };
}

/** The index of each named column, refusing a header that lacks one. */
function columns(header: readonly string[], names: readonly string[], format: IntervalFormat): number[] {
  const indexes = names.map((name) => header.indexOf(name));
  if (indexes.some((i) => i < 0)) {
    throw new ValidationError(`line 1: a ${format} file starts with the columns ${names.join(', ')}, not '${header.join(',')}'`);
  }
  return indexes;
}

function octopusCsv(text: string): Located[] {
  const { header, rows } = csvRows(text);
  // An electricity download says "Consumption (kWh)"; a gas meter's, "Consumption (m³)" (its volume, sent with --unit).
  const volume = header.includes('consumption (m³)') || header.includes('consumption (m3)');
  const [consumption, start, end] = columns(header, [volume ? header.find((h) => h === 'consumption (m³)' || h === 'consumption (m3)')! : 'consumption (kwh)', 'start', 'end'], 'octopus-csv');
  return rows.map(({ cells, line }) => {
    const place = `line ${line}`;
    if (cells.length !== header.length) throw new ValidationError(`${place}: expected ${header.length} columns, found ${cells.length}`);
    const from = instant(cells[start!], place, 'Start', true);
    halfHourLong(from, instant(cells[end!], place, 'End', true), place);
    return { start: onGrid(from, place), kWh: energy(cells[consumption!], place, 'Consumption (kWh)'), place };
  });
}

function intervalsCsv(text: string): Located[] {
  const { header, rows } = csvRows(text);
  const [start, kwh] = columns(header, ['interval_start', 'kwh'], 'intervals-csv');
  const end = header.indexOf('interval_end'); // our export writes it; a file of start and kWh alone is fine too
  const time = (cell: string | undefined, place: Place, what: string) => {
    const seconds = parseInstant(cell ?? '');
    if (seconds === undefined) throw new ValidationError(`${place}: ${what} must be epoch seconds or an ISO 8601 time, not '${cell ?? ''}'`);
    return seconds;
  };
  return rows.map(({ cells, line }) => {
    const place = `line ${line}`;
    if (cells.length !== header.length) throw new ValidationError(`${place}: expected ${header.length} columns, found ${cells.length}`);
    const from = time(cells[start!], place, 'interval_start');
    if (end >= 0) halfHourLong(from, time(cells[end], place, 'interval_end'), place);
    return { start: onGrid(from, place), kWh: energy(cells[kwh!], place, 'kwh'), place };
  });
}

/** The JSON documents of a file (one, an array of pages, or one per line), each named for messages. */
function jsonDocuments(text: string): { value: unknown; name: string }[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map((page, i) => ({ value: page, name: `page ${i + 1}` })) : [{ value, name: 'the page' }];
  } catch {
    return text.split(/\r?\n/).flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        return [{ value: JSON.parse(line) as unknown, name: `line ${i + 1}` }];
      } catch {
        throw new ValidationError(`line ${i + 1}: not JSON`);
      }
    });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function octopusJson(text: string): Located[] {
  return jsonDocuments(text).flatMap(({ value, name }) => {
    if (!isObject(value) || !Array.isArray(value.results)) throw new ValidationError(`${name}: an octopus-json page has "results", and this has none`);
    return value.results.map((item: unknown, index) => {
      const at = `${name}, results[${index}]`;
      if (!isObject(item)) throw new ValidationError(`${at}: expected {consumption, interval_start, interval_end}`);
      const from = instant(item.interval_start, at, 'interval_start', true);
      halfHourLong(from, instant(item.interval_end, at, 'interval_end', true), at);
      return { start: onGrid(from, at), kWh: energy(item.consumption, at, 'consumption'), place: at };
    });
  });
}

function unitOf(document: Record<string, unknown>, field: 'unit' | 'units'): void {
  const unit = document[field];
  if (unit !== undefined && String(unit).toLowerCase() !== 'kwh') throw new ValidationError(`"${field}" is '${String(unit)}': only kWh is read`);
}

function n3rgy(text: string, options: IntervalFileOptions): Located[] {
  const document = JSON.parse(text) as unknown;
  if (!isObject(document) || !Array.isArray(document.values)) throw new ValidationError('an n3rgy file has "values": not one');
  unitOf(document, 'unit');
  const shift = options.timestamps === 'start' ? 0 : HALF_HOUR_SECONDS;
  return document.values.map((item: unknown, index) => {
    const at = `values[${index}]`;
    if (!isObject(item)) throw new ValidationError(`${at}: expected {timestamp, value}`);
    const start = instant(item.timestamp, at, 'timestamp', false) - shift; // UTC; the end of its half hour by default
    return { start: onGrid(start, at), kWh: energy(item.value, at, 'value'), place: at };
  });
}

function glowmarkt(text: string): Located[] {
  const document = JSON.parse(text) as unknown;
  if (!isObject(document) || !Array.isArray(document.data)) throw new ValidationError('a glowmarkt file has "data": not one');
  unitOf(document, 'units');
  return document.data.flatMap((item: unknown, index) => {
    const at = `data[${index}]`;
    if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== 'number') throw new ValidationError(`${at}: expected [epoch seconds, kWh]`);
    if (item[1] === null) return []; // Glowmarkt's way of saying "no data for this half hour"
    return [{ start: onGrid(item[0], at), kWh: energy(item[1], at, 'the value'), place: at }];
  });
}

const PARSERS: Record<IntervalFormat, (text: string, options: IntervalFileOptions) => Located[]> = {
  'octopus-csv': octopusCsv,
  'octopus-json': octopusJson,
  n3rgy,
  glowmarkt,
  'intervals-csv': intervalsCsv,
};

/**
 * A file's half hours, ascending by start. A half hour given twice with one value is kept once; with two values the
 * file contradicts itself and is refused naming both places.
 */
export function parseIntervalFile(text: string, format: IntervalFormat, options: IntervalFileOptions = {}): Interval[] {
  let located: Located[];
  try {
    located = PARSERS[format](text, options);
  } catch (error) {
    if (error instanceof SyntaxError) throw new ValidationError(`not a ${format} file: ${error.message}`);
    throw error;
  }
  const byStart = new Map<number, Located>();
  for (const interval of located) {
    const earlier = byStart.get(interval.start);
    if (earlier && earlier.kWh !== interval.kWh) {
      throw new ValidationError(`${earlier.place} and ${interval.place} give the half hour from ${new Date(interval.start * 1000).toISOString()} two values (${earlier.kWh} and ${interval.kWh} kWh)`);
    }
    byStart.set(interval.start, interval);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start).map(({ start, kWh }) => ({ start, kWh }));
}
