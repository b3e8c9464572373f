import type { Catalogue, PricePlan } from '../domain/price-plans.js';
import type { DayPrices } from '../domain/published-prices.js';

/**
 * A series of values per UTC half hour, stored by day: a dynamic plan's published prices (`pricesSeries(id)`), the
 * deployment's carbon intensity (`CARBON_INTENSITY_SERIES`) or its gas calorific values (`CALORIFIC_VALUE_SERIES`, one
 * value a day, in the day's first half hour). All follow the same rule: a started half hour (or day) is final.
 */
export type HalfHourSeries = `prices#${string}` | 'carbon' | 'calorific-value';
export const pricesSeries = (pricePlanId: string): HalfHourSeries => `prices#${pricePlanId}`;
export const CARBON_INTENSITY_SERIES: HalfHourSeries = 'carbon';
export const CALORIFIC_VALUE_SERIES: HalfHourSeries = 'calorific-value';
/** A series as people name it (never its storage key): "the prices of plan 'agile'", "the carbon intensity". */
export const seriesName = (series: HalfHourSeries) =>
  series === CARBON_INTENSITY_SERIES ? 'the carbon intensity' : series === CALORIFIC_VALUE_SERIES ? 'the calorific values' : `the prices of plan '${series.slice('prices#'.length)}'`;

/** What every priced answer reads: the catalogue, and half-hour series (a dynamic plan's prices) by UTC day. */
export interface PricePlansReader {
  /** Every plan, with the deployment's currency and VAT rate. */
  catalogue(): Promise<Catalogue>;
  /** The stored days of a series in [firstDay, lastDay] (UTC midnights), each with its 48 half hours. */
  halfHourDays(series: HalfHourSeries, firstDay: number, lastDay: number): Promise<Map<number, DayPrices>>;
}

/** A stored document with the revision a conditional write must still find. */
export interface Revised<T> {
  value: T;
  revision: number;
}

/** The live catalogue: plans and half-hour series, changed only by conditional writes (a lost race is a 409). */
export interface PricePlansStore extends PricePlansReader {
  /** One plan, strongly consistent (what a change is checked against). */
  plan(pricePlanId: string): Promise<Revised<PricePlan> | undefined>;
  /** Writes a plan if its revision is still `revision` (undefined: if it does not exist yet). */
  savePlan(plan: PricePlan, revision: number | undefined): Promise<void>;
  /** Days of a series, strongly consistent, with their revisions. */
  halfHourDaysForUpdate(series: HalfHourSeries, days: readonly number[]): Promise<Map<number, Revised<DayPrices>>>;
  /** Writes these days in one transaction, each only if its revision is still the one read (undefined: new day). */
  saveHalfHourDays(series: HalfHourSeries, days: readonly { day: number; prices: DayPrices; revision: number | undefined }[]): Promise<void>;
  /** Writes a whole catalogue if the store holds none yet; resolves whether it did. */
  seed(catalogue: Catalogue): Promise<boolean>;
}
