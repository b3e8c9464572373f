import { planAt, type Account } from '../domain/accounts.js';
import { rankComplete, type PlanCost, type PricedPlanCost } from '../domain/costing.js';
import { vatRateOf, withVat } from '../domain/price-plans.js';
import type { Market } from '../domain/price-plan-catalogue.js';
import { rateSegmentsOver, segmentsCost, standingCharge } from '../domain/tariff.js';
import { DAY_SECONDS, type Span, type TimeRange } from '../domain/time.js';
import { daysOf } from '../domain/energy-summaries.js';
import type { PricePlansReader } from '../ports/price-plans-store.js';
import { IntervalEnergy, type EnergySource, type Interval } from '../domain/energy-source.js';
import { energyOfRange, type MeterEnergyDeps } from './meter-energy.js';
import { priceBook } from './price-book.js';

/**
 * Every plan's cost over the span (VAT included), with the energy it could not price: each instant at the version,
 * band, multiplier or published half-hour price in force then, plus the standing charge for the UTC days on which the
 * meter used energy, each prorated to the part of the day inside the span (the period asked, or without one the first
 * to the last reading) and never to the readings' own extent. Like is compared with like: a stray old reading, or a
 * range wider than the data, adds no empty days of standing charges to the comparison (a bill, such as usage-cost,
 * charges every day of its period instead); over whole days with data on each, the two agree to the penny.
 */
export async function planCosts(pricePlans: PricePlansReader, view: EnergySource, span: Span, market: Market): Promise<{ currency: string; costs: PricedPlanCost[] }> {
  const energySpans = view.energySpans();
  const book = await priceBook(pricePlans, energySpans, market);
  const segmentSets = book.pricePlans.map((plan) => rateSegmentsOver(plan, energySpans, book.pricesOf(plan.pricePlanId)));
  // Candidate days are those the data reaches (no other day holds energy); each is charged for its part inside the
  // period, never cut to where the readings happen to start or stop.
  const reached = { from: Math.max(span.from, view.span.from), to: Math.min(span.to, view.span.to) };
  const dayParts = reached.from < reached.to ? daysOf(reached).map((day) => ({ from: Math.max(day, span.from), to: Math.min(day + DAY_SECONDS, span.to) })) : [];
  const [dayEnergies, ...energies] = await view.energy([dayParts, ...segmentSets]);
  const [dayVolumes, ...unconverted] = view.unconverted ? await view.unconverted([dayParts, ...segmentSets]) : [];
  // A day used energy when it holds kWh, or gas not converted yet (its standing charge is due all the same).
  const usedDays = dayParts.filter((_, i) => dayEnergies![i]! > 0 || (dayVolumes?.[i] ?? 0) > 0);
  const costs = book.pricePlans.map((plan, i) => {
    const energy = segmentsCost(segmentSets[i]!, energies[i]!, unconverted[i]);
    const standing = usedDays.reduce((sum, part) => sum + standingCharge(plan, part), 0);
    return { pricePlanId: plan.pricePlanId, cost: withVat(energy.cost + standing, vatRateOf(plan, book.vatRate)), unpricedKWh: energy.unpricedKWh, ...(energy.unconvertedM3 > 0 && { unconvertedM3: energy.unconvertedM3 }) };
  });
  return { currency: book.currency, costs };
}

export interface PlanComparison {
  /** The plan in force now (null while the customer has chosen none). */
  pricePlanId: string | null;
  currency: string;
  /** Plans whose every kWh was priced, cheapest first. */
  costs: PlanCost[];
  /** Plans with energy in half hours that have no published price: not ranked. */
  incomplete: string[];
  /** The share of the range's half hours (up to now) that hold readings (see coverage.ts). */
  coverage: number;
}

/** The meter's plan now and every plan's cost for its usage in the range (default: all readings), cheapest first. */
export async function comparePlans(deps: MeterEnergyDeps & { pricePlans: PricePlansReader }, account: Account, range: TimeRange): Promise<PlanComparison> {
  const { span, view } = await energyOfRange(deps, account, range);
  const { currency, costs } = await planCosts(deps.pricePlans, view, span, account);
  const [coverage] = await view.coverage([span]);
  return { pricePlanId: planAt(account, deps.now()) ?? null, currency, ...rankComplete(costs), coverage: coverage! };
}

/**
 * Every plan's cost for half-hour intervals nobody stored (a household's own download), cheapest first, over their
 * first to last half hour: the same costing as compare-all, so the same intervals on a meter cost the same.
 */
export async function compareIntervals(pricePlans: PricePlansReader, intervals: readonly Interval[], now: number): Promise<Omit<PlanComparison, 'pricePlanId'> & { span: Span }> {
  const source = new IntervalEnergy(intervals, now);
  const { currency, costs } = await planCosts(pricePlans, source, source.span, { direction: 'import', fuel: 'electricity' });
  const [coverage] = await source.coverage([source.span]);
  return { currency, ...rankComplete(costs), coverage: coverage!, span: source.span };
}

