import type { Catalogue, PricePlan } from '../domain/price-plans.js';
import type { DayPrices } from '../domain/published-prices.js';

/** What every priced answer reads: the catalogue, and a dynamic plan's published prices by UTC day. */
export interface PricePlansReader {
  /** Every plan, with the deployment's currency and VAT rate. */
  catalogue(): Promise<Catalogue>;
  /** The published days of a plan in [firstDay, lastDay] (UTC midnights), each with its 48 half hours. */
  priceDays(pricePlanId: string, firstDay: number, lastDay: number): Promise<Map<number, DayPrices>>;
}

/** A stored document with the revision a conditional write must still find. */
export interface Revised<T> {
  value: T;
  revision: number;
}

/** The live catalogue: plans and published prices, changed only by conditional writes (a lost race is a 409). */
export interface PricePlansStore extends PricePlansReader {
  /** One plan, strongly consistent (what a change is checked against). */
  plan(pricePlanId: string): Promise<Revised<PricePlan> | undefined>;
  /** Writes a plan if its revision is still `revision` (undefined: if it does not exist yet). */
  savePlan(plan: PricePlan, revision: number | undefined): Promise<void>;
  /** Days of published prices, strongly consistent, with their revisions. */
  priceDaysForUpdate(pricePlanId: string, days: readonly number[]): Promise<Map<number, Revised<DayPrices>>>;
  /** Writes these days in one transaction, each only if its revision is still the one read (undefined: new day). */
  savePriceDays(pricePlanId: string, days: readonly { day: number; prices: DayPrices; revision: number | undefined }[]): Promise<void>;
  /** Writes a whole catalogue if the store holds none yet; resolves whether it did. */
  seed(catalogue: Catalogue): Promise<boolean>;
}
