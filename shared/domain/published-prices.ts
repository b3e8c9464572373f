import { ConflictError } from '../errors.js';
import { dayOf, HALF_HOUR_SECONDS, HALF_HOURS_PER_DAY, type Span } from './time.js';

/** A UTC day's 48 half hours of a dynamic plan, in order from midnight: a rate without VAT, or null (not published). */
export type DayPrices = readonly (number | null)[];

/** One published value: the half hour starting at `from` (a unit rate without VAT, negative allowed; or gCO2/kWh). */
export interface HalfHourValue {
  from: number;
  value: number;
}

const iso = (time: number) => new Date(time * 1000).toISOString();

/** The UTC days a span touches, first and last. */
export function dayRange(span: Span): { firstDay: number; lastDay: number } {
  return { firstDay: dayOf(span.from), lastDay: dayOf(Math.max(span.from, span.to - 1)) };
}

/** Published days as half-hour start → rate, cut to a span. */
export function halfHourPrices(days: ReadonlyMap<number, DayPrices>, span: Span): Map<number, number> {
  const prices = new Map<number, number>();
  for (const [day, slots] of days) {
    slots.forEach((rate, slot) => {
      const from = day + slot * HALF_HOUR_SECONDS;
      if (rate !== null && from + HALF_HOUR_SECONDS > span.from && from < span.to) prices.set(from, rate);
    });
  }
  return prices;
}

/**
 * The days that publishing these values changes, merged into what is stored. A half hour that has started (at `now`)
 * keeps its value: the same value again is a no-op, another a 409 naming it (as `noun`). Later half hours are replaced.
 */
export function mergeHalfHours(stored: ReadonlyMap<number, DayPrices>, incoming: readonly HalfHourValue[], now: number, noun = 'price'): Map<number, DayPrices> {
  const changed = new Map<number, (number | null)[]>();
  for (const { from, value: unitRate } of incoming) {
    const day = dayOf(from);
    const slots = changed.get(day) ?? [...(stored.get(day) ?? new Array<null>(HALF_HOURS_PER_DAY).fill(null))];
    const slot = (from - day) / HALF_HOUR_SECONDS;
    const current = slots[slot] ?? null;
    if (current === unitRate) continue;
    if (current !== null && from <= now) {
      throw new ConflictError(`the half hour from ${iso(from)} has started: its ${noun} ${current} cannot change to ${unitRate}`);
    }
    slots[slot] = unitRate;
    changed.set(day, slots);
  }
  return changed;
}
