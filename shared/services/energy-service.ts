import { newAccount, planAt, planParts, type Account, type PlanPeriodStart } from '../domain/accounts.js';
import { calendarBuckets, countCalendarBuckets, type Granularity } from '../domain/calendar.js';
import { cheapestFirst, cheapestPlans, type PlanCost } from '../domain/costing.js';
import { DEFAULT_MAX_GAP_SECONDS } from '../domain/energy.js';
import type { PricePlan } from '../domain/price-plans.js';
import { firstReadingFromTheFuture, type ReadingsBatch } from '../domain/readings.js';
import { rateSegmentsOver, segmentsCost, standingCharge } from '../domain/tariff.js';
import { clipSpans, closeRange, DAY_SECONDS, type Span, type TimeRange } from '../domain/time.js';
import { daysOf, LATE_WRITE_LEASE_SECONDS, settledDaysTouched } from '../domain/energy-summaries.js';
import { ConflictError, MeterNotFoundError, NoPricePlanError, ValidationError } from '../errors.js';
import type { AccountsStore } from '../ports/accounts-store.js';
import type { ReadingsPage, ReadingsStore } from '../ports/readings-store.js';
import type { SummariesStore } from '../ports/summaries-store.js';
import { EnergyView, type EnergyViewDeps } from './energy-view.js';
import { newMeterKey } from './meter-keys.js';
import {
  daysOfData,
  planSummary,
  SAVINGS_WINDOWS,
  MIN_DAYS_FOR_ADVICE,
  savingsAdvice,
  versusCurrent,
  windowName,
  type PeriodComparison,
  type SavingsReport,
} from '../domain/savings.js';

/** A usage report's buckets are bounded so the answer stays small (hourly over a year is 8,784). */
export const MAX_USAGE_BUCKETS = 10_000;

export interface EnergyServiceDeps {
  readings: ReadingsStore;
  accounts: AccountsStore;
  pricePlans: readonly PricePlan[];
  maxGapSeconds?: number;
  /** The server clock, epoch seconds (tests pin it). */
  now?: () => number;
  /** Stored day summaries; without them every figure is computed from the readings (the raw path). */
  summaries?: SummariesStore;
  onSummaryWork?: EnergyViewDeps['onSummaryWork'];
  /** Told how many settled days a late write marked (metrics). */
  onLateDays?: (days: number) => void;
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

/** Most accounts one listing returns (an operator's demo picker; customers own a handful). */
export const MAX_LISTED_ACCOUNTS = 100;

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
    const late = this.lateDays(batch.electricityReadings.map((r) => r.time));
    await this.whileMarked(batch.smartMeterId, late, () => this.deps.readings.save(batch.smartMeterId, batch.electricityReadings));
  }

  /** Settled days a write at these times may change: their summaries must not be trusted while or after it lands. */
  private lateDays(times: readonly number[]): number[] {
    return this.deps.summaries ? settledDaysTouched(times, this.now(), this.maxGapSeconds) : [];
  }

  /**
   * Runs a write to settled days between two version bumps: the first (with a lease) stops summaries being made or
   * trusted while it runs, the second invalidates any made from a partial view. In-order readings touch no settled
   * day, so live meters pay nothing for this.
   */
  private async whileMarked(smartMeterId: string, days: readonly number[], write: () => Promise<unknown>): Promise<void> {
    if (days.length === 0) {
      await write();
      return;
    }
    await this.deps.summaries!.markDays(smartMeterId, days, this.now() + LATE_WRITE_LEASE_SECONDS);
    await write();
    await this.deps.summaries!.markDays(smartMeterId, days);
    this.deps.onLateDays?.(days.length);
  }

  /** Removes a meter's readings in a span (an operator's repair of bad data), a bounded amount per call. */
  async deleteReadings(smartMeterId: string, span: Span): Promise<ReadingsDeletion> {
    await this.accountOf(smartMeterId);
    const bounds = await this.deps.readings.bounds(smartMeterId);
    const gap = this.maxGapSeconds;
    const touched = bounds ? clipSpans([{ from: span.from - gap, to: span.to + gap }], { from: bounds.from - gap, to: bounds.to + gap + 1 }) : [];
    const late = touched.length ? this.lateDays(daysOf(touched[0]!)) : [];
    let result = { deleted: 0, complete: true };
    await this.whileMarked(smartMeterId, late, async () => (result = await this.deps.readings.deleteRange(smartMeterId, span, MAX_DELETE_BUCKETS)));
    const { deleted, complete } = result;
    return { smartMeterId, from: span.from, to: span.to, deleted, complete };
  }

  async readReadings(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage> {
    await this.accountOf(smartMeterId);
    return this.deps.readings.listPage(smartMeterId, range, limit);
  }

  /** Every plan's cost for the usage in the range (default: all readings), cheapest first. */
  async compareAll(smartMeterId: string, range: TimeRange = {}): Promise<PlanComparison> {
    const [account, { span, view }] = await Promise.all([this.accountOf(smartMeterId), this.viewOf(smartMeterId, range)]);
    return { pricePlanId: planAt(account, this.now()) ?? null, costs: await this.costs(this.deps.pricePlans, view, span) };
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
    const [, bounds] = await Promise.all([this.accountOf(smartMeterId), this.deps.readings.bounds(smartMeterId)]);
    const span = closeRange(range, bounds ?? { from: 0, to: 0 });
    if (span.from < span.to && countCalendarBuckets(span, groupBy, timeZone, MAX_USAGE_BUCKETS) > MAX_USAGE_BUCKETS) {
      const what = range.from !== undefined && range.to !== undefined ? 'from/to span' : "the meter's readings span";
      throw new ValidationError(`${what} more than ${MAX_USAGE_BUCKETS} ${groupBy} periods: narrow the range or group by a longer period`);
    }
    const buckets = span.from < span.to ? calendarBuckets(span, groupBy, timeZone) : [];
    const view = await this.openView(smartMeterId, span, bounds);
    const [energy] = buckets.length > 0 ? await view.energy([buckets]) : [[]];
    return {
      smartMeterId,
      unit: 'kWh',
      groupBy,
      timeZone,
      periods: buckets.map((b, i) => ({ from: b.from, to: b.to, kWh: energy![i]! })),
    };
  }

  /** Energy and cost over a span, each part priced under the plan in force then. */
  async usageCost(smartMeterId: string, span: Span): Promise<UsageCost> {
    const [account, bounds] = await Promise.all([this.accountOf(smartMeterId), this.deps.readings.bounds(smartMeterId)]);
    const parts = planParts(account, span).map((part) => {
      const plan = this.deps.pricePlans.find((p) => p.pricePlanId === part.pricePlanId);
      if (!plan) throw new NoPricePlanError(smartMeterId, part.pricePlanId);
      return { plan, part };
    });
    if (parts.length === 0) throw new NoPricePlanError(smartMeterId); // an empty span: nothing to price
    const view = await this.openView(smartMeterId, span, bounds);
    const coverage = view.coverage();
    const segmentSets = parts.map(({ plan, part }) => rateSegmentsOver(plan, clipSpans(coverage, part)));
    const energies = await view.energy([parts.map(({ part }) => part), ...segmentSets]);
    const byPlan = parts.map(({ plan, part }, i) => ({
      pricePlanId: plan.pricePlanId,
      from: part.from,
      to: part.to,
      kWh: energies[0]![i]!,
      cost: segmentsCost(segmentSets[i]!, energies[i + 1]!) + standingCharge(plan, part),
    }));
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

  /**
   * Every plan's cost over the last 30 days and the last 12 months (each cut to the readings it holds), each with its
   * difference to the current plan, and the advice: the cheapest plan over the longer period when it saves money.
   */
  async savings(smartMeterId: string): Promise<SavingsReport> {
    const now = this.now();
    const [account, bounds] = await Promise.all([this.accountOf(smartMeterId), this.deps.readings.bounds(smartMeterId)]);
    const current = planAt(account, now) ?? null;
    const periods = await Promise.all(
      SAVINGS_WINDOWS.map(async (window): Promise<PeriodComparison> => {
        const start = now - window.days * DAY_SECONDS;
        const name = windowName(window, start, bounds?.from);
        const span = await this.dataSpanSince(smartMeterId, start, now, bounds);
        if (!span) return { period: name, from: start, to: now, days: 0, costs: [] };
        const view = await this.openView(smartMeterId, span, bounds);
        return { period: name, ...span, days: daysOfData(span), costs: versusCurrent(await this.costs(this.deps.pricePlans, view, span), current) };
      }),
    );
    const verdict = savingsAdvice(current, periods.at(-1)!);
    return {
      smartMeterId,
      pricePlanId: current,
      minimumDays: MIN_DAYS_FOR_ADVICE,
      periods,
      advice: 'advice' in verdict ? verdict.advice : null,
      noAdvice: 'noAdvice' in verdict ? verdict.noAdvice : null,
      plans: this.deps.pricePlans.map(planSummary),
    };
  }

  /** From the first reading at or after `start` to the last one (before now); undefined when the window holds none. */
  private async dataSpanSince(smartMeterId: string, start: number, now: number, bounds: Span | undefined): Promise<Span | undefined> {
    if (!bounds || bounds.to < start) return undefined;
    const from = bounds.from >= start ? bounds.from : (await this.deps.readings.listPage(smartMeterId, { from: start }, 1)).readings[0]?.time;
    const to = Math.min(bounds.to, now);
    return from !== undefined && from < to ? { from, to } : undefined;
  }

  /** The accounts a customer owns (their meters), for the app to open on. */
  async accountsOwnedBy(customerId: string): Promise<AccountView[]> {
    return (await this.deps.accounts.ownedBy(customerId, MAX_LISTED_ACCOUNTS)).map((a) => this.view(a));
  }

  /** A first page of all accounts: an operator's (and the open demo's) meter picker. */
  async someAccounts(): Promise<AccountView[]> {
    return (await this.deps.accounts.firstPage(MAX_LISTED_ACCOUNTS)).map((a) => this.view(a));
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

  /** The span a range stands for (open ends from the meter's first and last readings) and a view of its energy. */
  private async viewOf(smartMeterId: string, range: TimeRange): Promise<{ span: Span; view: EnergyView }> {
    const bounds = await this.deps.readings.bounds(smartMeterId);
    const span = closeRange(range, bounds ?? { from: 0, to: 0 });
    return { span, view: await this.openView(smartMeterId, span, bounds) };
  }

  /**
   * The energy of a span, read from where there can be energy: the span cut to the meter's readings and one maximum
   * gap around them, so a range of centuries reads (and walks) only the days that hold data.
   */
  private openView(smartMeterId: string, span: Span, bounds: Span | undefined): Promise<EnergyView> {
    const gap = this.maxGapSeconds;
    const withData = bounds ? { from: Math.max(span.from, bounds.from - gap), to: Math.min(span.to, bounds.to + gap + 1) } : { from: 0, to: 0 };
    return EnergyView.open(
      { readings: this.deps.readings, summaries: this.deps.summaries, maxGapSeconds: gap, now: this.now, onSummaryWork: this.deps.onSummaryWork },
      smartMeterId,
      withData.from < withData.to ? withData : { from: span.from, to: span.from },
    );
  }

  /** Every plan's cost over the span, cheapest first: energy at each plan's rates plus its standing charge. */
  private async costs(plans: readonly PricePlan[], view: EnergyView, span: Span): Promise<PlanCost[]> {
    const coverage = view.coverage();
    const segmentSets = plans.map((plan) => rateSegmentsOver(plan, coverage));
    const energies = await view.energy(segmentSets);
    return cheapestFirst(
      plans.map((plan, i) => ({ pricePlanId: plan.pricePlanId, cost: segmentsCost(segmentSets[i]!, energies[i]!) + standingCharge(plan, span) })),
    );
  }

  private async accountOf(smartMeterId: string): Promise<Account> {
    const account = await this.deps.accounts.find(smartMeterId);
    if (!account) throw new MeterNotFoundError(smartMeterId);
    return account;
  }
}
