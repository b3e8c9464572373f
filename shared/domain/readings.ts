import * as z from 'zod/mini';

/** Latest instant we accept (9999-12-31T23:59:59Z): keeps every time a valid calendar date. */
export const MAX_EPOCH_SECONDS = 253_402_300_799;

export const SmartMeterIdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(128),
  z.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
);

/** One sample from a meter: the power drawn (kW) at an instant (epoch seconds). */
export const ReadingSchema = z.object({
  time: z.int().check(z.nonnegative(), z.lte(MAX_EPOCH_SECONDS)),
  reading: z.number().check(z.nonnegative()),
});

export const ReadingsBatchSchema = z.object({
  smartMeterId: SmartMeterIdSchema,
  electricityReadings: z.array(ReadingSchema).check(z.minLength(1)),
});

export type Reading = z.infer<typeof ReadingSchema>;
export type ReadingsBatch = z.infer<typeof ReadingsBatchSchema>;

/** Readings ascending by time, one per instant (the last one given for an instant wins). */
export function normaliseReadings(readings: readonly Reading[]): Reading[] {
  const byTime = new Map<number, Reading>();
  for (const r of readings) byTime.set(r.time, { time: r.time, reading: r.reading });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
