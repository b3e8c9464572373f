/**
 * Meter health: whether a meter reports. A meter is `never` until its first reading, `silent` once its last reading
 * is older than the threshold, else `ok`. Operations watch the silent share of the fleet (see docs/operations.md's runbook).
 */
export const METER_STATUSES = ['ok', 'silent', 'never'] as const;
export type MeterStatus = (typeof METER_STATUSES)[number];

/** A meter silent for a day has missed 48 half hours of a bill: the default threshold of the list and the metric. */
export const DEFAULT_SILENT_FOR_SECONDS = 86_400;
/** Bounds of the threshold a caller may ask for: a minute (meters send every few) to a year. */
export const MIN_SILENT_FOR_SECONDS = 60;
export const MAX_SILENT_FOR_SECONDS = 366 * 86_400;

/** The days coverage7d covers. */
export const COVERAGE_DAYS = 7;

export function meterStatus(lastReadingAt: number | undefined, now: number, silentForSeconds: number): MeterStatus {
  if (lastReadingAt === undefined) return 'never';
  return now - lastReadingAt > silentForSeconds ? 'silent' : 'ok';
}
