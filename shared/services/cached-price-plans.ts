import type { Catalogue } from '../domain/price-plans.js';
import type { DayPrices } from '../domain/published-prices.js';
import { DAY_SECONDS, HALF_HOURS_PER_DAY } from '../domain/time.js';
import type { HalfHourSeries, PricePlansReader } from '../ports/price-plans-store.js';

/**
 * How long a function trusts what it read of the catalogue, and of prices that may still change: a change made
 * anywhere is in force everywhere within this (plus one request), well inside the promised 60 seconds.
 */
export const PRICE_PLANS_REFRESH_SECONDS = 30;
/** Cached days beyond this are dropped (all at once): a warm function's memory stays bounded. */
const MAX_CACHED_DAYS = 50_000;

interface CachedDay {
  prices: DayPrices | undefined;
  readAt: number;
  /** Every half hour published and started when read: it can never change, so it is kept for good. */
  final: boolean;
}

/**
 * The catalogue and published prices as a warm function keeps them: shared by every meter, so most requests read
 * none of it. Started half hours never change (the store refuses it), so a day whose every half hour had started and
 * was published is kept for good; anything else is read again after PRICE_PLANS_REFRESH_SECONDS.
 */
export class CachedPricePlans implements PricePlansReader {
  private plans: { catalogue: Promise<Catalogue>; readAt: number } | undefined;
  private readonly days = new Map<string, Map<number, CachedDay>>();
  private cachedDays = 0;

  constructor(
    private readonly source: PricePlansReader,
    private readonly now: () => number,
  ) {}

  catalogue(): Promise<Catalogue> {
    const now = this.now();
    if (!this.plans || now - this.plans.readAt >= PRICE_PLANS_REFRESH_SECONDS) {
      const catalogue = this.source.catalogue();
      this.plans = { catalogue, readAt: now };
      catalogue.catch(() => (this.plans = undefined)); // a failed read is not cached
    }
    return this.plans.catalogue;
  }

  async halfHourDays(series: HalfHourSeries, firstDay: number, lastDay: number): Promise<Map<number, DayPrices>> {
    const now = this.now();
    const cached = this.days.get(series) ?? new Map<number, CachedDay>();
    const usable = (day: number) => {
      const entry = cached.get(day);
      return entry !== undefined && (entry.final || now - entry.readAt < PRICE_PLANS_REFRESH_SECONDS);
    };
    const stale: number[] = [];
    for (let day = firstDay; day <= lastDay; day += DAY_SECONDS) if (!usable(day)) stale.push(day);
    if (stale.length > 0) {
      const read = await this.source.halfHourDays(series, stale[0]!, stale.at(-1)!);
      if (this.cachedDays > MAX_CACHED_DAYS) this.clear();
      const plan = this.days.get(series) ?? new Map<number, CachedDay>();
      this.days.set(series, plan);
      for (const day of stale) {
        const prices = read.get(day);
        const final = prices !== undefined && day + DAY_SECONDS <= now && prices.length === HALF_HOURS_PER_DAY && prices.every((p) => p !== null);
        if (!plan.has(day)) this.cachedDays++;
        plan.set(day, { prices, readAt: now, final });
      }
    }
    const answer = new Map<number, DayPrices>();
    const plan = this.days.get(series);
    for (let day = firstDay; day <= lastDay; day += DAY_SECONDS) {
      const prices = plan?.get(day)?.prices;
      if (prices) answer.set(day, prices);
    }
    return answer;
  }

  /** Forgets everything: this process just changed the catalogue, so its next read sees the change at once. */
  clear(): void {
    this.plans = undefined;
    this.days.clear();
    this.cachedDays = 0;
  }
}
