import type { Interval } from '../../domain/energy-source.js';
import { dayOf, HALF_HOUR_SECONDS, HALF_HOURS_PER_DAY } from '../../domain/time.js';

/**
 * An interval meter's day as one binary attribute: a bitmap of the 48 half hours that hold a value (6 bytes), then
 * each held value in micro-kWh (the 6 decimals stored) as an unsigned LEB128 varint. A household's half hour under
 * 2 kWh takes 3 bytes, so a whole day is about 150 bytes and a year of days reads in under 20 read units.
 */
const BITMAP_BYTES = HALF_HOURS_PER_DAY / 8;
const MICRO = 1_000_000;

/** The day's intervals, one per held half hour, ascending. */
export function decodeDay(day: number, bytes: Uint8Array): Interval[] {
  const intervals: Interval[] = [];
  let offset = BITMAP_BYTES;
  for (let slot = 0; slot < HALF_HOURS_PER_DAY; slot++) {
    if ((bytes[slot >> 3]! & (1 << (slot & 7))) === 0) continue;
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = bytes[offset++]!;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) break;
    }
    intervals.push({ start: day + slot * HALF_HOUR_SECONDS, kWh: value / MICRO });
  }
  return intervals;
}

/** Encodes one day's intervals (every start inside the day, at most one per half hour, kWh at 6 decimals). */
export function encodeDay(day: number, intervals: Iterable<Interval>): Uint8Array {
  const values = new Map<number, number>();
  for (const { start, kWh } of intervals) values.set((start - day) / HALF_HOUR_SECONDS, Math.round(kWh * MICRO));
  const bytes: number[] = new Array<number>(BITMAP_BYTES).fill(0);
  for (let slot = 0; slot < HALF_HOURS_PER_DAY; slot++) {
    const value = values.get(slot);
    if (value === undefined) continue;
    bytes[slot >> 3]! |= 1 << (slot & 7);
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
  }
  return Uint8Array.from(bytes);
}

/** Intervals grouped by their UTC day, days ascending. */
export function groupByDay(intervals: readonly Interval[]): Map<number, Interval[]> {
  const days = new Map<number, Interval[]>();
  for (const interval of [...intervals].sort((a, b) => a.start - b.start)) {
    const day = dayOf(interval.start);
    const held = days.get(day);
    if (held) held.push(interval);
    else days.set(day, [interval]);
  }
  return days;
}
