import type { PlanCost } from './costing.js';
import { directionOf, roundMoney, vatRateOf, versionAt, withVat, type PricePlan, type RateVersion } from './price-plans.js';
import type { Direction } from './price-plan-catalogue.js';
import { DAY_SECONDS, DEFAULT_TIME_ZONE, type Span } from './time.js';

const YEAR_DAYS = 365;

/**
 * The periods a customer's costs are compared over: the last 30 days and the last 12 months (365 days), which are
 * called `all-data` when the meter's history is shorter. The advice is based on the last of them.
 */
export const SAVINGS_WINDOWS = [
  { period: 'last-30-days', days: 30 },
  { period: 'last-12-months', days: YEAR_DAYS, whenHistoryIsShorter: 'all-data' },
] as const;

export const NO_ADVICE_REASONS = ['already-cheapest', 'too-little-data', 'no-current-plan', 'prices-missing'] as const;

/** Advice needs at least a week of readings: weekdays and a weekend, so a time-of-use verdict is not one day's luck. */
export const MIN_DAYS_FOR_ADVICE = 7;

/** A saving is scaled to a year only from four weeks of data: a shorter span says too little about a whole year. */
export const MIN_DAYS_FOR_YEARLY_SAVING = 28;

/** A saving over a span of `days`, scaled to a year (365 days). */
export const perYear = (saving: number, days: number): number => roundMoney((saving * YEAR_DAYS) / days);

/** Advice resting on less than this share of its period's half hours (see coverage.ts) is provisional. */
export const PROVISIONAL_BELOW_COVERAGE = 0.9;

/** Savings smaller than one minor unit (a penny) are noise, not advice. */
export const MIN_SAVING = 1;

type SavingsWindow = (typeof SAVINGS_WINDOWS)[number];
export type SavingsPeriodName = SavingsWindow['period'] | Extract<SavingsWindow, { whenHistoryIsShorter: string }>['whenHistoryIsShorter'];
export const SAVINGS_PERIOD_NAMES: readonly SavingsPeriodName[] = SAVINGS_WINDOWS.flatMap((w) => ('whenHistoryIsShorter' in w ? [w.period, w.whenHistoryIsShorter] : [w.period]));

/** A window's name for a meter whose readings start at `firstReading` (undefined: none). */
export function windowName(window: SavingsWindow, windowStart: number, firstReading: number | undefined): SavingsPeriodName {
  return 'whenHistoryIsShorter' in window && firstReading !== undefined && firstReading >= windowStart ? window.whenHistoryIsShorter : window.period;
}

/** A plan's cost over a period, with what it would have cost more (+) or less (−) than the current plan. */
export interface PlanCostVersusCurrent extends PlanCost {
  difference: number | null;
}

/** Every plan's cost over the readings a period holds: from its first to its last reading in the window. */
export interface PeriodComparison {
  period: SavingsPeriodName;
  from: number;
  to: number;
  /** How many days of readings the period holds, rounded to whole days. */
  days: number;
  /** The share of the half hours from its first reading to now that hold readings. */
  coverage: number;
  costs: PlanCostVersusCurrent[];
  /** Plans with energy in half hours that have no published price: not costed. */
  incomplete: string[];
}

export interface SavingsAdvice {
  pricePlanId: string;
  period: SavingsPeriodName;
  from: number;
  to: number;
  /** What the customer would have paid less over the period on that plan. */
  saving: number;
  /** The saving scaled to a year (365 days) from the period's length. */
  savingPerYear: number;
}

export type NoAdvice = { reason: (typeof NO_ADVICE_REASONS)[number]; message: string };

/** The window's data span rounded to whole days: what "7 days of readings" means on screen and in the threshold. */
export function daysOfData(span: Span): number {
  return Math.round((span.to - span.from) / DAY_SECONDS);
}

/** Costs (cheapest first) with each one's difference to the current plan's (null when there is no current plan). */
export function versusCurrent(costs: readonly PlanCost[], current: string | null): PlanCostVersusCurrent[] {
  const currentCost = costs.find((c) => c.pricePlanId === current)?.cost;
  return costs.map((c) => ({ ...c, difference: currentCost === undefined ? null : c.cost - currentCost }));
}

/**
 * The one piece of advice, from the longest period: the cheapest plan when it beats the current one by a penny or
 * more; otherwise why there is none (too little data says how much is needed).
 */
export function savingsAdvice(current: string | null, basis: PeriodComparison): { advice: SavingsAdvice } | { noAdvice: NoAdvice } {
  if (basis.days < MIN_DAYS_FOR_ADVICE) {
    return {
      noAdvice: {
        reason: 'too-little-data',
        message: `advice needs at least ${MIN_DAYS_FOR_ADVICE} days of readings; this meter has ${basis.days}`,
      },
    };
  }
  if (current !== null && basis.incomplete.includes(current)) {
    return { noAdvice: { reason: 'prices-missing', message: `${current} has no published prices for part of this period: advice waits for them` } };
  }
  const currentCost = basis.costs.find((c) => c.pricePlanId === current);
  if (!currentCost) return { noAdvice: { reason: 'no-current-plan', message: 'the meter is on no plan of the catalogue: choose one' } };
  const cheapest = basis.costs[0]!;
  const saving = currentCost.cost - cheapest.cost;
  if (cheapest.pricePlanId === current || saving < MIN_SAVING) {
    return { noAdvice: { reason: 'already-cheapest', message: `${current} is already the cheapest plan for this usage` } };
  }
  const days = (basis.to - basis.from) / DAY_SECONDS;
  return {
    advice: {
      pricePlanId: cheapest.pricePlanId,
      period: basis.period,
      from: basis.from,
      to: basis.to,
      saving: roundMoney(saving),
      savingPerYear: perYear(saving, days),
    },
  };
}

/** A version's prices as the customer pays them: VAT included; a dynamic plan's unit rate is published, so null. */
export interface RatesShown {
  unitRate: number | null;
  standingChargePerDay: number;
}

/** A plan as the customer sees it: who supplies it, its rates now (VAT included), its next change, its cheap hours. */
export interface PlanSummary extends RatesShown {
  pricePlanId: string;
  supplier: string;
  /** An export plan's rates are what it pays (no VAT). */
  direction: Direction;
  dynamic: boolean;
  timeZone: string;
  /**
   * Local-clock bands better for the household than the plan's unit rate now (from inclusive, to exclusive; may wrap
   * midnight): an import plan's cheaper ones, an export plan's that pay more.
   */
  cheapHours: { from: string; to: string; unitRate: number }[];
  /** The next version, when one is scheduled. */
  nextChange: (RatesShown & { validFrom: number }) | null;
}

function ratesShown(version: RateVersion | undefined, vatRate: number): RatesShown {
  return {
    unitRate: version?.unitRate === undefined ? null : withVat(version.unitRate, vatRate),
    standingChargePerDay: withVat(version?.standingChargePerDay ?? 0, vatRate),
  };
}

export function planSummary(plan: PricePlan, now: number, catalogueVatRate: number): PlanSummary {
  const vatRate = vatRateOf(plan, catalogueVatRate);
  const current = versionAt(plan, now);
  const next = plan.rates.find((r) => r.validFrom > now);
  const unitRate = current?.unitRate;
  return {
    pricePlanId: plan.pricePlanId,
    supplier: plan.supplier,
    direction: directionOf(plan),
    dynamic: plan.dynamic ?? false,
    ...ratesShown(current, vatRate),
    timeZone: plan.timeZone ?? DEFAULT_TIME_ZONE,
    // The household's good hours: an import plan's bands cheaper than its unit rate, an export plan's paying more.
    cheapHours: (current?.timeOfUse ?? [])
      .filter((band) => unitRate !== undefined && (directionOf(plan) === 'export' ? band.unitRate > unitRate : band.unitRate < unitRate))
      .map(({ from, to, unitRate: rate }) => ({ from, to, unitRate: withVat(rate, vatRate) })),
    nextChange: next ? { validFrom: next.validFrom, ...ratesShown(next, vatRate) } : null,
  };
}
