import type { DayPrices } from './published-prices.js';

/**
 * Gas is metered by volume and billed by energy, as GB suppliers work it out: kWh = m³ × 1.02264 (the volume
 * correction for temperature and pressure) × CV (MJ/m³, the calorific value the network publishes daily) ÷ 3.6.
 * An imperial meter counts hundreds of cubic feet: × 2.83 to m³ first.
 */
export const VOLUME_CORRECTION = 1.02264;
export const MJ_PER_KWH = 3.6;
export const M3_PER_HUNDRED_CUBIC_FEET = 2.83;
/** The range of calorific values a publication may hold (MJ/m³): natural gas sits near 39–40. */
export const MIN_CALORIFIC_VALUE = 30;
export const MAX_CALORIFIC_VALUE = 45;

/** A volume in the meter's unit as cubic metres. */
export const cubicMetres = (volume: number, units: 'metric' | 'imperial' | undefined): number => (units === 'imperial' ? volume * M3_PER_HUNDRED_CUBIC_FEET : volume);

/** The energy of a gas volume (m³) at a calorific value (MJ/m³). */
export const kWhOfGas = (m3: number, mjPerM3: number): number => (m3 * VOLUME_CORRECTION * mjPerM3) / MJ_PER_KWH;

/** Published days of the calorific-value series (its value in each day's first half hour) as day start → MJ/m³. */
export function calorificValuesOf(days: ReadonlyMap<number, DayPrices>): Map<number, number> {
  const values = new Map<number, number>();
  for (const [day, slots] of days) if (slots[0] !== null && slots[0] !== undefined) values.set(day, slots[0]);
  return values;
}
