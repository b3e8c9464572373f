import { partitionPoint } from './time.js';

/**
 * Earliest reading time we accept: 2000-01-01T00:00:00Z. No smart meter reported earlier (GB's rollout began in 2011;
 * the earliest AMR pilots are from the late 1990s), and a time of 0 or so is a meter whose clock was never set: taken
 * in, it would stretch every history back to 1970 (and every "all history" chart with it).
 */
export const EARLIEST_READING_TIME = 946_684_800;

/** Latest instant we accept (9999-12-31T23:59:59Z): keeps every time a valid calendar date. */
export const MAX_EPOCH_SECONDS = 253_402_300_799;

/**
 * Highest power a reading may report, in kW: ten times the largest domestic supply (a 100 A three-phase connection
 * is ~69 kW), so no real household meter is refused, while absurd values never reach storage.
 */
export const MAX_READING_KW = 1000;

/** Finest resolution a reading may carry: 6 decimal places of a kW (one milliwatt). Meters report watts or finer. */
export const READING_DECIMALS = 6;

/**
 * Most distinct hours one batch may touch. Each hour is one storage write (16 in flight): measured locally, 1,000
 * hours take ~2 s (3.3 s on a cold server); in DynamoDB (~5–10 ms a write) ~0.5–1 s: far inside the 15 s function
 * timeout even with throttling retries. A meter offline for six weeks can still send its minute backlog in one batch.
 */
export const MAX_BATCH_HOURS = 1000;

/**
 * A power value at the stored resolution: rounded half to even at READING_DECIMALS places, on the shortest decimal
 * that names the number (what JSON carried), so `0.1 + 0.02` (0.12000000000000001) is 0.12 and a value half-way
 * between two milliwatts goes to the even one. Binary scaling (`Math.round(kw * 1e6)`) would round some of those the
 * wrong way. Values below half a milliwatt round to 0.
 */
export function roundReading(kw: number): number {
  const [mantissa, exponentText] = kw.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const kept = Number(exponentText) + 1 + READING_DECIMALS; // digits of the mantissa that survive
  if (kept >= digits.length) return kw;
  if (kept < 0) return 0;
  const head = kept === 0 ? 0 : Number(digits.slice(0, kept));
  const rest = digits.slice(kept);
  const half = rest[0] === '5' && /^0*$/.test(rest.slice(1));
  const up = rest[0]! > '5' || (rest[0] === '5' && !half) || (half && head % 2 === 1);
  return (head + (up ? 1 : 0)) / 10 ** READING_DECIMALS;
}

/** One sample from a meter: the power drawn (kW) at an instant (epoch seconds). */
export interface Reading {
  time: number;
  reading: number;
}

/** What a meter sends: its readings, at most MAX_BATCH_HOURS distinct hours of them. */
export interface ReadingsBatch {
  smartMeterId: string;
  electricityReadings: Reading[];
}

/** How many distinct hours readings touch (each is one storage write). */
export const distinctHours = (readings: readonly Reading[]) => new Set(readings.map((r) => Math.floor(r.time / 3600))).size;

/**
 * The first two items of a batch with the same time and different values (indexes into the batch), or undefined.
 * Which one a meter meant cannot be known, so such a batch is refused; identical repeats are harmless.
 */
export function conflictingPair<T>(items: readonly T[], timeOf: (item: T) => number, valueOf: (item: T) => number): [number, number] | undefined {
  const firstAt = new Map<number, number>();
  for (const [index, item] of items.entries()) {
    const earlier = firstAt.get(timeOf(item));
    if (earlier === undefined) firstAt.set(timeOf(item), index);
    else if (valueOf(items[earlier]!) !== valueOf(item)) return [earlier, index];
  }
  return undefined;
}

/** Two readings of a batch at one time with different values (see conflictingPair). */
export const conflictingReadings = (readings: readonly Reading[]) => conflictingPair(readings, (r) => r.time, (r) => r.reading);

/** Readings ascending by time, one per instant (the last one given for an instant wins). */
export function normaliseReadings(readings: readonly Reading[]): Reading[] {
  const byTime = new Map<number, Reading>();
  for (const r of readings) byTime.set(r.time, { time: r.time, reading: r.reading });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** The index of the first of these readings (ascending by time) at or after `time`; their length when none is. */
export const firstIndexAtOrAfter = (sorted: readonly Reading[], time: number): number => partitionPoint(sorted, (r) => r.time < time);

/** The readings (ascending by time) timed in [from, to]: a slice found by two binary searches, not a scan. */
export const readingsBetween = (sorted: readonly Reading[], from: number, to: number): Reading[] =>
  sorted.slice(firstIndexAtOrAfter(sorted, from), partitionPoint(sorted, (r) => r.time <= to));

/** How far ahead of the server clock a reading's time may be: generous for meters with a drifting clock. */
export const FUTURE_TOLERANCE_SECONDS = 24 * 3600;

/** The first reading timed more than the tolerance ahead of `now`, named as the API names fields; else undefined. */
export function firstReadingFromTheFuture(readings: readonly Reading[], now: number): string | undefined {
  const index = readings.findIndex((r) => r.time > now + FUTURE_TOLERANCE_SECONDS);
  return index < 0
    ? undefined
    : `electricityReadings[${index}].time is more than ${FUTURE_TOLERANCE_SECONDS / 3600} h ahead of the server clock`;
}
