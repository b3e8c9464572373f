import { planAt, type Account } from '../domain/accounts.js';
import { cheapestFirst, type PlanCost } from '../domain/costing.js';
import type { PricePlan } from '../domain/price-plans.js';
import { rateSegmentsOver, segmentsCost, standingCharge } from '../domain/tariff.js';
import { DAY_SECONDS, type Span, type TimeRange } from '../domain/time.js';
import { daysOf } from '../domain/energy-summaries.js';
import type { EnergyView, EnergyViewDeps } from './energy-view.js';
import { energyOfRange } from './meter-energy.js';

/**
 * Every plan's cost over the span, cheapest first: the energy at each plan's rates, plus its standing charge for the
 * days on which the meter used energy, each prorated to the part of the day inside the span. Like is compared with
 * like: a stray old reading, or a range wider than the data, adds no empty days of standing charges to the comparison
 * (a bill, such as usage-cost, charges every day of its period instead).
 */
export async function planCosts(plans: readonly PricePlan[], view: EnergyView, span: Span): Promise<PlanCost[]> {
  const coverage = view.coverage();
  const segmentSets = plans.map((plan) => rateSegmentsOver(plan, coverage));
  const dayParts = daysOf(view.span).map((day) => ({ from: Math.max(day, span.from, view.span.from), to: Math.min(day + DAY_SECONDS, span.to, view.span.to) }));
  const [dayEnergies, ...energies] = await view.energy([dayParts, ...segmentSets]);
  const usedDays = dayParts.filter((_, i) => dayEnergies![i]! > 0);
  return cheapestFirst(
    plans.map((plan, i) => ({
      pricePlanId: plan.pricePlanId,
      cost: segmentsCost(segmentSets[i]!, energies[i]!) + usedDays.reduce((sum, part) => sum + standingCharge(plan, part), 0),
    })),
  );
}

export interface PlanComparison {
  /** The plan in force now (null while the customer has chosen none). */
  pricePlanId: string | null;
  costs: PlanCost[];
}

/** The meter's plan now and every plan's cost for its usage in the range (default: all readings), cheapest first. */
export async function comparePlans(
  deps: EnergyViewDeps & { pricePlans: readonly PricePlan[] },
  account: Account,
  range: TimeRange,
): Promise<PlanComparison> {
  const { span, view } = await energyOfRange(deps, account.smartMeterId, range);
  return { pricePlanId: planAt(account, deps.now()) ?? null, costs: await planCosts(deps.pricePlans, view, span) };
}
