import type { Account } from '../domain/accounts.js';
import { calendarPeriods, type Granularity, type Period } from '../domain/calendar.js';
import { comparePlans, periodOfReadings, recommend, type PlanCost } from '../domain/costing.js';
import { planCost } from '../domain/tariff.js';
import { DEFAULT_MAX_GAP_SECONDS, energyInRangeKwh, energyPerPeriodKwh } from '../domain/energy.js';
import type { PricePlan } from '../domain/price-plans.js';
import type { Reading, ReadingsBatch } from '../domain/readings.js';
import { MeterNotFoundError, NoPricePlanError, ValidationError } from '../errors.js';
import type { AccountsStore } from '../storage/accounts-store.js';
import type { ReadingsPage, ReadingsStore, TimeRange } from '../storage/readings-store.js';

/** A usage report's periods are bounded so the answer stays small (hourly over a year is 8,784). */
export const MAX_USAGE_PERIODS = 10_000;

export interface EnergyServiceDeps {
  readings: ReadingsStore;
  accounts: AccountsStore;
  pricePlans: readonly PricePlan[];
  maxGapSeconds?: number;
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

  constructor(private readonly deps: EnergyServiceDeps) {
    this.maxGapSeconds = deps.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS;
  }

  /** Readings for a meter without an account are refused, not kept. */
  async storeReadings(batch: ReadingsBatch): Promise<void> {
    await this.accountOf(batch.smartMeterId);
    await this.deps.readings.save(batch.smartMeterId, batch.electricityReadings);
  }

  async readReadings(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage> {
    await this.accountOf(smartMeterId);
    return this.deps.readings.listPage(smartMeterId, range, limit);
  }

  /** Every plan's cost for the usage in the range (default: all readings), cheapest first. */
  async compareAll(smartMeterId: string, range: TimeRange = {}): Promise<PlanComparison> {
    const [account, { readings, period }] = await Promise.all([this.accountOf(smartMeterId), this.readingsFor(smartMeterId, range)]);
    return {
      pricePlanId: account.pricePlanId ?? null,
      costs: comparePlans(this.deps.pricePlans, readings, period, this.maxGapSeconds),
    };
  }

  async recommend(smartMeterId: string, limit?: number, range: TimeRange = {}): Promise<PlanCost[]> {
    const { costs } = await this.compareAll(smartMeterId, range);
    return recommend(costs, limit);
  }

  /** Energy per calendar period of the time zone; without a range, from the first to the last reading. */
  async usage(smartMeterId: string, range: TimeRange, groupBy: Granularity, timeZone: string): Promise<UsageReport> {
    const [, { readings, period }] = await Promise.all([this.accountOf(smartMeterId), this.readingsFor(smartMeterId, range)]);
    let periods: Period[] = [];
    try {
      periods = period.from < period.to ? calendarPeriods(period, groupBy, timeZone, MAX_USAGE_PERIODS) : [];
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new ValidationError(`from/to span more than ${MAX_USAGE_PERIODS} ${groupBy} periods: narrow the range or group by a longer period`);
    }
    const energy = energyPerPeriodKwh(readings, periods, this.maxGapSeconds);
    return {
      smartMeterId,
      unit: 'kWh',
      groupBy,
      timeZone,
      periods: periods.map((p, i) => ({ from: p.from, to: p.to, kWh: energy[i]! })),
    };
  }

  /** Energy and cost over a period under the meter's current plan. */
  async usageCost(smartMeterId: string, period: Period): Promise<UsageCost> {
    const [account, { readings }] = await Promise.all([this.accountOf(smartMeterId), this.readingsFor(smartMeterId, period)]);
    const plan = this.deps.pricePlans.find((p) => p.pricePlanId === account.pricePlanId);
    if (!plan) throw new NoPricePlanError(smartMeterId, account.pricePlanId);
    return {
      smartMeterId,
      pricePlanId: plan.pricePlanId,
      from: period.from,
      to: period.to,
      kWh: energyInRangeKwh(readings, period.from, period.to, this.maxGapSeconds),
      cost: planCost(plan, readings, period, this.maxGapSeconds),
    };
  }

  /**
   * The readings that carry energy inside the range: those in it plus up to one maximum gap either side (an interval
   * cut by the range still counts for its share), and the period the range stands for, open ends taken from the readings.
   */
  private async readingsFor(smartMeterId: string, range: TimeRange): Promise<{ readings: Reading[]; period: Period }> {
    const readings = await this.deps.readings.list(smartMeterId, {
      from: range.from === undefined ? undefined : Math.max(0, range.from - this.maxGapSeconds),
      to: range.to === undefined ? undefined : range.to + this.maxGapSeconds,
    });
    const all = periodOfReadings(readings);
    return { readings, period: { from: range.from ?? all.from, to: range.to ?? all.to } };
  }

  private async accountOf(smartMeterId: string): Promise<Account> {
    const account = await this.deps.accounts.find(smartMeterId);
    if (!account) throw new MeterNotFoundError(smartMeterId);
    return account;
  }
}
