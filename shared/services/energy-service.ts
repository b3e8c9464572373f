import { newAccount, planAt, planParts, type Account, type PlanPeriodStart } from '../domain/accounts.js';
import { calendarBuckets, countCalendarBuckets, type Granularity } from '../domain/calendar.js';
import { cheapestPlans, comparePlans, spanOfReadings, type PlanCost } from '../domain/costing.js';
import { DEFAULT_MAX_GAP_SECONDS, energyPerPeriodKwh } from '../domain/energy.js';
import type { PricePlan } from '../domain/price-plans.js';
import { firstReadingFromTheFuture, type Reading, type ReadingsBatch } from '../domain/readings.js';
import { planCost } from '../domain/tariff.js';
import { closeRange, type Span, type TimeRange } from '../domain/time.js';
import { ConflictError, MeterNotFoundError, NoPricePlanError, ValidationError } from '../errors.js';
import type { AccountsStore } from '../ports/accounts-store.js';
import type { ReadingsPage, ReadingsStore } from '../ports/readings-store.js';
import { newMeterKey } from './meter-keys.js';

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

export interface PlanPartCost {
  pricePlanId: string;
  from: number;
  to: number;
  kWh: number;
  cost: number;
}

export interface UsageCost extends PlanPartCost {
  smartMeterId: string;
  /** Each part of the period under the plan in force then (one entry when no switch falls inside). */
  byPlan: PlanPartCost[];
}

export interface AccountView {
  smartMeterId: string;
  pricePlanId: string | null;
  planHistory: PlanPeriodStart[];
}

export interface IssuedMeterKey {
  smartMeterId: string;
  meterKey: string;
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
      pricePlanId: planAt(account, this.now()) ?? null,
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

  /** Energy and cost over a span, each part priced under the plan in force then. */
  async usageCost(smartMeterId: string, span: Span): Promise<UsageCost> {
    const [account, readings] = await Promise.all([this.accountOf(smartMeterId), this.readingsAround(smartMeterId, span)]);
    const byPlan = planParts(account, span).map((part) => {
      const plan = this.deps.pricePlans.find((p) => p.pricePlanId === part.pricePlanId);
      if (!plan) throw new NoPricePlanError(smartMeterId, part.pricePlanId);
      return {
        pricePlanId: plan.pricePlanId,
        from: part.from,
        to: part.to,
        kWh: energyPerPeriodKwh(readings, [part], this.maxGapSeconds)[0]!,
        cost: planCost(plan, readings, part, this.maxGapSeconds),
      };
    });
    if (byPlan.length === 0) throw new NoPricePlanError(smartMeterId); // an empty span: nothing to price
    return {
      smartMeterId,
      pricePlanId: byPlan.at(-1)!.pricePlanId,
      from: span.from,
      to: span.to,
      kWh: byPlan.reduce((sum, p) => sum + p.kWh, 0),
      cost: byPlan.reduce((sum, p) => sum + p.cost, 0),
      byPlan,
    };
  }

  /** The meter's account: its plan now and every plan it has been on. */
  async account(smartMeterId: string): Promise<AccountView> {
    return this.view(await this.accountOf(smartMeterId));
  }

  /** Who owns a meter's account (the customer's `sub`), for the authorization check. */
  async ownerOf(smartMeterId: string): Promise<string | undefined> {
    return (await this.deps.accounts.find(smartMeterId))?.customerId;
  }

  /** An operator onboards a meter: its account, on a plan of the catalogue, and its key, shown this once. */
  async onboardMeter(request: { smartMeterId: string; pricePlanId: string; customerId?: string }): Promise<IssuedMeterKey & { pricePlanId: string }> {
    this.planOf(request.pricePlanId);
    const { key, hash } = newMeterKey();
    await this.deps.accounts.create(newAccount(request.smartMeterId, request.pricePlanId, request.customerId), hash);
    return { smartMeterId: request.smartMeterId, pricePlanId: request.pricePlanId, meterKey: key };
  }

  /** A new key for a meter; the old one stops working. */
  async rotateMeterKey(smartMeterId: string): Promise<IssuedMeterKey> {
    const { key, hash } = newMeterKey();
    await this.deps.accounts.replaceKey(smartMeterId, hash);
    return { smartMeterId, meterKey: key };
  }

  /**
   * Switches the meter's plan from `from` (default now). A switch must start after the last one (409 otherwise);
   * asking for the plan already in force from the same instant changes nothing, so a retried switch is harmless.
   */
  async switchPlan(smartMeterId: string, pricePlanId: string, from?: number): Promise<AccountView> {
    this.planOf(pricePlanId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const account = await this.accountOf(smartMeterId);
      const last = account.planHistory.at(-1);
      const at = from ?? this.now();
      if (last && last.pricePlanId === pricePlanId && (from === undefined ? planAt(account, at) === pricePlanId : from === last.from)) {
        return this.view(account);
      }
      if (last && at <= last.from) {
        throw new ConflictError(`a switch must start after the last one (to '${last.pricePlanId}' at ${last.from})`);
      }
      if (await this.deps.accounts.appendPlan(smartMeterId, { pricePlanId, from: at }, account.planHistory.length)) {
        return this.view({ ...account, planHistory: [...account.planHistory, { pricePlanId, from: at }] });
      }
    }
    throw new ConflictError('the plan history kept changing while switching: retry');
  }

  private view(account: Account): AccountView {
    return {
      smartMeterId: account.smartMeterId,
      pricePlanId: planAt(account, this.now()) ?? null,
      planHistory: account.planHistory,
    };
  }

  private planOf(pricePlanId: string): PricePlan {
    const plan = this.deps.pricePlans.find((p) => p.pricePlanId === pricePlanId);
    if (!plan) throw new ValidationError(`pricePlanId '${pricePlanId}' is not in the plan catalogue`);
    return plan;
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
