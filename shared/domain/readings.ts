import * as z from 'zod/mini';

/** Latest instant we accept (9999-12-31T23:59:59Z): keeps every time a valid calendar date. */
export const MAX_EPOCH_SECONDS = 253_402_300_799;

export const SmartMeterIdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(128),
  z.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
);

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

const scale = 10 ** READING_DECIMALS;
/** Round-trips exactly through DynamoDB's decimal numbers: at most READING_DECIMALS places, as JSON wrote it. */
const hasReadingPrecision = (kw: number) => Math.round(kw * scale) / scale === kw;

/** One sample from a meter: the power drawn (kW) at an instant (epoch seconds). */
export const ReadingSchema = z.object({
  time: z.int().check(z.nonnegative(), z.lte(MAX_EPOCH_SECONDS)),
  reading: z
    .number()
    .check(
      z.nonnegative(),
      z.lte(MAX_READING_KW),
      z.refine(hasReadingPrecision, `must have at most ${READING_DECIMALS} decimal places (1 mW resolution)`),
    ),
});

const distinctHours = (readings: readonly Reading[]) => new Set(readings.map((r) => Math.floor(r.time / 3600))).size;

export const ReadingsBatchSchema = z.object({
  smartMeterId: SmartMeterIdSchema,
  electricityReadings: z
    .array(ReadingSchema)
    .check(
      z.minLength(1),
      z.refine((readings) => distinctHours(readings) <= MAX_BATCH_HOURS, {
        message: `must touch at most ${MAX_BATCH_HOURS} distinct hours (each is one storage write): split the batch into smaller ones`,
      }),
    ),
});

export type Reading = z.infer<typeof ReadingSchema>;
export type ReadingsBatch = z.infer<typeof ReadingsBatchSchema>;

/** Readings ascending by time, one per instant (the last one given for an instant wins). */
export function normaliseReadings(readings: readonly Reading[]): Reading[] {
  const byTime = new Map<number, Reading>();
  for (const r of readings) byTime.set(r.time, { time: r.time, reading: r.reading });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** How far ahead of the server clock a reading's time may be: generous for meters with a drifting clock. */
export const FUTURE_TOLERANCE_SECONDS = 24 * 3600;

/** The first reading timed more than the tolerance ahead of `now`, named as the API names fields; else undefined. */
export function firstReadingFromTheFuture(readings: readonly Reading[], now: number): string | undefined {
  const index = readings.findIndex((r) => r.time > now + FUTURE_TOLERANCE_SECONDS);
  return index < 0
    ? undefined
    : `electricityReadings[${index}].time is more than ${FUTURE_TOLERANCE_SECONDS / 3600} h ahead of the server clock`;
}
