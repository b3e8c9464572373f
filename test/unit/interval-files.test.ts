import { describe, expect, it } from 'vitest';
import { parseIntervalFile } from '../../shared/domain/interval-files.js';

const utc = (iso: string) => Date.parse(iso) / 1000;
const HH = 1800;

/** A UTC instant as London writes it, with its offset: +01:00 in summer time, +00:00 otherwise (2026's changes). */
function london(seconds: number): string {
  const summer = seconds >= utc('2026-03-29T01:00:00Z') && seconds < utc('2026-10-25T01:00:00Z');
  const local = new Date((seconds + (summer ? 3600 : 0)) * 1000).toISOString().slice(0, 19);
  return `${local}${summer ? '+01:00' : '+00:00'}`;
}

/** The half hours of a London day as the supplier's dashboard downloads them (spaces after commas, as Octopus writes). */
function octopusDay(midnightUtc: number, count: number, kWh = (i: number) => (i % 7) / 10 + 0.05): string {
  const rows = Array.from({ length: count }, (_, i) => ` ${kWh(i).toFixed(3)}, ${london(midnightUtc + i * HH)}, ${london(midnightUtc + (i + 1) * HH)}`);
  return ['Consumption (kWh), Start, End', ...rows].join('\n');
}

describe('supplier files read into half hours', () => {
  it('reads an Octopus dashboard CSV of the spring-forward day in London: 46 half hours, contiguous in UTC', () => {
    const midnight = utc('2026-03-29T00:00:00Z'); // 00:00 GMT; the next midnight is 23:00 UTC (00:00 BST)
    const text = octopusDay(midnight, 46);
    expect(text.split('\n')[46]).toBe(' 0.350, 2026-03-29T23:30:00+01:00, 2026-03-30T00:00:00+01:00'); // the day's last row
    const intervals = parseIntervalFile(text, 'octopus-csv');
    expect(intervals).toHaveLength(46);
    expect(intervals.map((i) => i.start)).toEqual(Array.from({ length: 46 }, (_, i) => midnight + i * HH));
    expect(intervals[0]).toEqual({ start: midnight, kWh: 0.05 });
    expect(intervals.at(-1)!.start).toBe(utc('2026-03-29T22:30:00Z'));
  });

  it('reads the fall-back day: 50 half hours, the repeated 01:00–02:00 hour apart by its offset', () => {
    const midnight = utc('2026-10-24T23:00:00Z'); // 00:00 BST
    const intervals = parseIntervalFile(octopusDay(midnight, 50), 'octopus-csv');
    expect(intervals).toHaveLength(50);
    expect(intervals.at(-1)!.start).toBe(utc('2026-10-25T23:30:00Z'));
    // 01:00+01:00 and 01:00+00:00 are an hour apart: both kept.
    expect(intervals.map((i) => i.start)).toContain(utc('2026-10-25T00:00:00Z'));
    expect(intervals.map((i) => i.start)).toContain(utc('2026-10-25T01:00:00Z'));
  });

  it('reads header names trimmed and in any case, and refuses a row without its offset, or longer than 30 minutes', () => {
    const upper = 'CONSUMPTION (KWH),START,END\n0.25,2026-01-01T00:00:00Z,2026-01-01T00:30:00Z';
    expect(parseIntervalFile(upper, 'octopus-csv')).toEqual([{ start: utc('2026-01-01T00:00:00Z'), kWh: 0.25 }]);
    expect(() => parseIntervalFile('Consumption (kWh), Start, End\n0.1, 2026-01-01T00:00:00, 2026-01-01T00:30:00', 'octopus-csv')).toThrow(
      "line 2: Start must be an ISO 8601 time with its offset, not '2026-01-01T00:00:00'",
    );
    expect(() => parseIntervalFile('Consumption (kWh), Start, End\n0.1, 2026-01-01T00:00:00Z, 2026-01-01T01:00:00Z', 'octopus-csv')).toThrow('line 2: the interval is 60 minutes long, not 30');
    expect(() => parseIntervalFile('Consumption (kWh), Start, End\n0.1, 2026-01-01T00:10:00Z, 2026-01-01T00:40:00Z', 'octopus-csv')).toThrow('line 2: 2026-01-01T00:10:00.000Z does not start a UTC half hour');
  });

  it('refuses another format, or a file that mixes one in, naming the line', () => {
    expect(() => parseIntervalFile('interval_start,kwh\n2026-01-01T00:00:00Z,0.2', 'octopus-csv')).toThrow("line 1: a octopus-csv file starts with the columns consumption (kwh), start, end, not 'interval_start,kwh'");
    const mixed = `${octopusDay(utc('2026-01-10T00:00:00Z'), 3)}\n2026-01-10T01:30:00Z,0.2`;
    expect(() => parseIntervalFile(mixed, 'octopus-csv')).toThrow('line 5: expected 3 columns, found 2');
    expect(() => parseIntervalFile('{"values": []}', 'octopus-json')).toThrow('the page: an octopus-json page has "results", and this has none');
    expect(() => parseIntervalFile('', 'intervals-csv')).toThrow('the file is empty');
  });

  it('refuses a half hour given twice with two values, naming both places; the same value twice is kept once', () => {
    const twice = 'interval_start,kwh\n2026-01-01T00:00:00Z,0.2\n2026-01-01T00:30:00Z,0.3\n2026-01-01T00:00:00Z,0.25';
    expect(() => parseIntervalFile(twice, 'intervals-csv')).toThrow('line 2 and line 4 give the half hour from 2026-01-01T00:00:00.000Z two values (0.2 and 0.25 kWh)');
    expect(parseIntervalFile('interval_start,kwh\n2026-01-01T00:00:00Z,0.2\n2026-01-01T00:00:00Z,0.2', 'intervals-csv')).toEqual([{ start: utc('2026-01-01T00:00:00Z'), kWh: 0.2 }]);
    expect(() => parseIntervalFile('interval_start,kwh\n2026-01-01T00:00:00Z,-0.1', 'intervals-csv')).toThrow("line 2: kwh must be a number of kWh at least 0, not '-0.1'");
    expect(() => parseIntervalFile('interval_start,kwh\n2026-01-01T00:00:00Z,NaN', 'intervals-csv')).toThrow("line 2: kwh must be a number of kWh at least 0, not 'NaN'");
  });

  it("reads Octopus's consumption API: one page, an array of pages, or one page per line, newest first as it sends them", () => {
    const page = (items: [string, string, number][], next: string | null) =>
      ({ count: 3, next, previous: null, results: items.map(([start, end, consumption]) => ({ consumption, interval_start: start, interval_end: end })) });
    const first = page([['2026-07-01T01:30:00+01:00', '2026-07-01T02:00:00+01:00', 0.3], ['2026-07-01T01:00:00+01:00', '2026-07-01T01:30:00+01:00', 0.2]], 'https://api.octopus.energy/v1/…?page=2');
    const second = page([['2026-07-01T00:30:00+01:00', '2026-07-01T01:00:00+01:00', 0.1]], null);
    const expected = [{ start: utc('2026-06-30T23:30:00Z'), kWh: 0.1 }, { start: utc('2026-07-01T00:00:00Z'), kWh: 0.2 }, { start: utc('2026-07-01T00:30:00Z'), kWh: 0.3 }];
    expect(parseIntervalFile(JSON.stringify([first, second]), 'octopus-json')).toEqual(expected);
    expect(parseIntervalFile(`${JSON.stringify(first)}\n${JSON.stringify(second)}\n`, 'octopus-json')).toEqual(expected);
    expect(parseIntervalFile(JSON.stringify(second), 'octopus-json')).toEqual(expected.slice(0, 1));
    expect(() => parseIntervalFile(`${JSON.stringify(first)}\nnot json`, 'octopus-json')).toThrow('line 2: not JSON');
  });

  it('reads n3rgy, whose UTC timestamps end their half hour (or start it, when told)', () => {
    const text = JSON.stringify({ resource: '/electricity/consumption/1', granularity: 'halfhour', unit: 'kWh', values: [{ timestamp: '2026-01-01 00:30', value: 0.25 }, { timestamp: '2026-01-01 01:00', value: 0.5 }] });
    expect(parseIntervalFile(text, 'n3rgy')).toEqual([{ start: utc('2026-01-01T00:00:00Z'), kWh: 0.25 }, { start: utc('2026-01-01T00:30:00Z'), kWh: 0.5 }]);
    expect(parseIntervalFile(text, 'n3rgy', { timestamps: 'start' })).toEqual([{ start: utc('2026-01-01T00:30:00Z'), kWh: 0.25 }, { start: utc('2026-01-01T01:00:00Z'), kWh: 0.5 }]);
    expect(() => parseIntervalFile(JSON.stringify({ unit: 'm3', values: [] }), 'n3rgy')).toThrow(`"unit" is 'm3': only kWh is read`);
  });

  it('reads Glowmarkt, whose epoch seconds start their half hour, skipping the nulls it sends for no data', () => {
    const text = JSON.stringify({ status: 'OK', name: 'electricity consumption', resourceId: 'x', query: { period: 'PT30M' }, units: 'kWh', data: [[1767225600, 0.25], [1767227400, null], [1767229200, 0.125]] });
    expect(parseIntervalFile(text, 'glowmarkt')).toEqual([{ start: 1767225600, kWh: 0.25 }, { start: 1767229200, kWh: 0.125 }]);
    expect(() => parseIntervalFile('{"data": [[1767225601, 0.1]]}', 'glowmarkt')).toThrow('data[0]: 2026-01-01T00:00:01.000Z does not start a UTC half hour');
    expect(() => parseIntervalFile('{"data": [[1767225600, 0.1]', 'glowmarkt')).toThrow('not a glowmarkt file');
  });

  it("reads this product's own CSV export back (interval_start,interval_end,kwh), and start and kWh alone, ISO or epoch", () => {
    const exported = 'interval_start,interval_end,kwh\r\n2026-01-01T00:00:00Z,2026-01-01T00:30:00Z,0.123\r\n2026-01-01T00:30:00Z,2026-01-01T01:00:00Z,0.456\r\n';
    expect(parseIntervalFile(exported, 'intervals-csv')).toEqual([{ start: 1767225600, kWh: 0.123 }, { start: 1767227400, kWh: 0.456 }]);
    expect(parseIntervalFile('interval_start,kwh\n1767227400,0.5\n1767225600,0.25', 'intervals-csv')).toEqual([{ start: 1767225600, kWh: 0.25 }, { start: 1767227400, kWh: 0.5 }]);
  });
});
