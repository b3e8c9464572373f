import type { Account } from '../domain/accounts.js';
import { calendarBuckets, countCalendarBuckets, type Granularity } from '../domain/calendar.js';
import { cheapestPlans, comparePlans, spanOfReadings, type PlanCost } from '../domain/costing.js';
import { DEFAULT_MAX_GAP_SECONDS, energyPerPeriodKwh } from '../domain/energy.js';
import type { PricePlan } from '../domain/price-plans.js';
import { firstReadingFromTheFuture, type Reading, type ReadingsBatch } from '../domain/readings.js';
import { planCost } from '../domain/tariff.js';
import { closeRange, type Span, type TimeRange } from '../domain/time.js';
import { MeterNotFoundError, NoPricePlanError, ValidationError } from '../errors.js';
import type { AccountsStore } from '../ports/accounts-store.js';
import type { ReadingsPage, ReadingsStore } from '../ports/readings-store.js';

/** A usage report's buckets are bounded so the answer stays small (hourly over a year is 8,784). */
export const MAX_USAGE_BUCKETS = 10_000;

export interface EnergyServiceDeps {
  readings: ReadingsStore;
  accounts: AccountsStore;
  pricePlans: readonly PricePlan[];
  maxGapSeconds?: number;
  /** The server clock, epoch seconds (tests pin it). */
  now?: () => number;
}

/** Storage items (hours) one delete call removes at most: ~200 batched deletes, well inside the function timeout. */
export const MAX_DELETE_BUCKETS = 5000;

export interface ReadingsDeletion {
  smartMeterId: string;
  from: number;
  to: number;
  deleted: number;
  /** False when readings of the range remain: repeat the same call. */
  complete: boolean;
}

export interface PlanComparison {
  pricePlanId: string | null;
  costs: PlanCost[];
}

export interface UsageReport {
  smartMeterId: string;
  unit: 'kWh';
  groupBy: Granularity;
  timeZone: string;
  /** The calendar buckets, named `periods` in the seed-era JSON contract. */
  periods: { from: number; to: number; kWh: number }[];
}

export interface UsageCost {
  smartMeterId: string;
  pricePlanId: string;
  from: number;
  to: number;
  kWh: number;
  cost: number;
}

/** The product's use cases over any store: what the handlers call. */
export class EnergyService {
  private readonly maxGapSeconds: number;
  private readonly now: () => number;

  constructor(private readonly deps: EnergyServiceDeps) {
    this.maxGapSeconds = deps.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS;
    this.now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** Readings for a meter without an account, or timed in the future, are refused before anything is written. */
  async storeReadings(batch: ReadingsBatch): Promise<void> {
    const fromTheFuture = firstReadingFromTheFuture(batch.electricityReadings, this.now());
    if (fromTheFuture) throw new ValidationError(fromTheFuture);
    await this.accountOf(batch.smartMeterId);
    await this.deps.readings.save(batch.smartMeterId, batch.electricityReadings);
  }

  /** Removes a meter's readings in a span (an operator's repair of bad data), a bounded amount per call. */
  async deleteReadings(smartMeterId: string, span: Span): Promise<ReadingsDeletion> {
    await this.accountOf(smartMeterId);
    const { deleted, complete } = await this.deps.readings.deleteRange(smartMeterId, span, MAX_DELETE_BUCKETS);
    return { smartMeterId, from: span.from, to: span.to, deleted, complete };
  }

  async readReadings(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage> {
    await this.accountOf(smartMeterId);
    return this.deps.readings.listPage(smartMeterId, range, limit);
  }

  /** Every plan's cost for the usage in the range (default: all readings), cheapest first. */
  async compareAll(smartMeterId: string, range: TimeRange = {}): Promise<PlanComparison> {
    const [account, { readings, span }] = await Promise.all([this.accountOf(smartMeterId), this.readingsFor(smartMeterId, range)]);
    return {
      pricePlanId: account.pricePlanId ?? null,
      costs: comparePlans(this.deps.pricePlans, readings, span, this.maxGapSeconds),
    };
  }

  /** The cheapest plans for the usage in the range, at most `limit` of them. */
  async recommend(smartMeterId: string, range: TimeRange = {}, limit?: number): Promise<PlanCost[]> {
    const { costs } = await this.compareAll(smartMeterId, range);
    return cheapestPlans(costs, limit);
  }

  /**
   * Energy per calendar bucket of the time zone; without a range, from the first to the last reading. The bucket
   * count is checked before any reading is loaded.
   */
  async usage(smartMeterId: string, range: TimeRange, groupBy: Granularity, timeZone: string): Promise<UsageReport> {
    await this.accountOf(smartMeterId);
    const span = await this.spanOf(smartMeterId, range);
    if (span.from < span.to && countCalendarBuckets(span, groupBy, timeZone, MAX_USAGE_BUCKETS) > MAX_USAGE_BUCKETS) {
      const what = range.from !== undefined && range.to !== undefined ? 'from/to span' : "the meter's readings span";
      throw new ValidationError(`${what} more than ${MAX_USAGE_BUCKETS} ${groupBy} periods: narrow the range or group by a longer period`);
    }
    const buckets = span.from < span.to ? calendarBuckets(span, groupBy, timeZone) : [];
    const readings = buckets.length > 0 ? await this.readingsAround(smartMeterId, span) : [];
    const energy = energyPerPeriodKwh(readings, buckets, this.maxGapSeconds);
    return {
      smartMeterId,
      unit: 'kWh',
      groupBy,
      timeZone,
      periods: buckets.map((b, i) => ({ from: b.from, to: b.to, kWh: energy[i]! })),
    };
  }

  /** Energy and cost over a span under the meter's current plan. */
  async usageCost(smartMeterId: string, span: Span): Promise<UsageCost> {
    const [account, readings] = await Promise.all([this.accountOf(smartMeterId), this.readingsAround(smartMeterId, span)]);
    const plan = this.deps.pricePlans.find((p) => p.pricePlanId === account.pricePlanId);
    if (!plan) throw new NoPricePlanError(smartMeterId, account.pricePlanId);
    return {
      smartMeterId,
      pricePlanId: plan.pricePlanId,
      from: span.from,
      to: span.to,
      kWh: energyPerPeriodKwh(readings, [span], this.maxGapSeconds)[0]!,
      cost: planCost(plan, readings, span, this.maxGapSeconds),
    };
  }

  /** The span a range stands for: open ends taken from the meter's first and last readings. */
  private async spanOf(smartMeterId: string, range: TimeRange): Promise<Span> {
    if (range.from !== undefined && range.to !== undefined) return { from: range.from, to: range.to };
    return closeRange(range, (await this.deps.readings.bounds(smartMeterId)) ?? { from: 0, to: 0 });
  }

  /** The readings that carry energy inside a span: those in it plus up to one maximum gap either side. */
  private readingsAround(smartMeterId: string, span: TimeRange): Promise<Reading[]> {
    return this.deps.readings.list(smartMeterId, {
      from: span.from === undefined ? undefined : Math.max(0, span.from - this.maxGapSeconds),
      to: span.to === undefined ? undefined : span.to + this.maxGapSeconds,
    });
  }

  /** The range's readings (with their neighbours) and the span it stands for, open ends taken from the readings. */
  private async readingsFor(smartMeterId: string, range: TimeRange): Promise<{ readings: Reading[]; span: Span }> {
    const readings = await this.readingsAround(smartMeterId, range);
    return { readings, span: closeRange(range, spanOfReadings(readings)) };
  }

  private async accountOf(smartMeterId: string): Promise<Account> {
    const account = await this.deps.accounts.find(smartMeterId);
    if (!account) throw new MeterNotFoundError(smartMeterId);
    return account;
  }
}
