import { mergeHalfHours, type HalfHourValue } from '../domain/published-prices.js';
import { EARLIEST_READING_TIME } from '../domain/readings.js';
import { DAY_SECONDS, dayOf, isoTime } from '../domain/time.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { HalfHourSeries, PricePlansStore } from '../ports/price-plans-store.js';

/** Attempts when another publication changes the same days meanwhile, before answering 409. */
const PUBLISH_ATTEMPTS = 3;

/**
 * UTC days one publication may touch: its days are written in one transaction (DynamoDB allows 100 items), and 1,000
 * contiguous half hours span at most 22 days.
 */
export const MAX_DAYS_PER_PUBLICATION = 25;

/**
 * How far ahead a half hour may be published: a year (tariffs are fixed at most a year ahead; a GB carbon forecast is
 * 48 hours). Like readings, nothing before 2000-01-01.
 */
export const PUBLICATION_HORIZON_SECONDS = 366 * DAY_SECONDS;

/**
 * Publishes half-hour values of a series (a dynamic plan's prices, the carbon intensity): the days read strongly
 * consistent, merged (a started half hour keeps its value: the same again is a no-op, another a 409), and written in
 * one transaction conditional on what was read, so a publication lands whole or not at all; a lost race is read
 * again. Resolves how many half hours were new or changed.
 */
export async function publishHalfHours(store: PricePlansStore, series: HalfHourSeries, values: readonly HalfHourValue[], now: number, noun: string): Promise<number> {
  const outside = values.find((v) => v.from < EARLIEST_READING_TIME || v.from > now + PUBLICATION_HORIZON_SECONDS);
  if (outside) {
    throw new ValidationError(
      `a ${noun} for ${isoTime(outside.from)} is outside what may be published: from ${isoTime(EARLIEST_READING_TIME)} to 366 days ahead (${isoTime(now + PUBLICATION_HORIZON_SECONDS)})`,
    );
  }
  const days = [...new Set(values.map((v) => dayOf(v.from)))];
  if (days.length > MAX_DAYS_PER_PUBLICATION) {
    throw new ValidationError(`the half hours fall on ${days.length} UTC days; a publication may cover at most ${MAX_DAYS_PER_PUBLICATION} (one transaction): send the rest in another call`);
  }
  for (let attempt = 1; ; attempt++) {
    const read = await store.halfHourDaysForUpdate(series, days);
    const merged = mergeHalfHours(new Map([...read].map(([day, { value }]) => [day, value])), values, now, noun);
    try {
      await store.saveHalfHourDays(series, [...merged].map(([day, prices]) => ({ day, prices, revision: read.get(day)?.revision })));
      let changed = 0;
      for (const [day, prices] of merged) changed += prices.filter((p, i) => p !== (read.get(day)?.value[i] ?? null)).length;
      return changed;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= PUBLISH_ATTEMPTS) throw error;
    }
  }
}
