import { planAt, type Account } from '../domain/accounts.js';
import { cheapestFirst, type PlanCost } from '../domain/costing.js';
import type { PricePlan } from '../domain/price-plans.js';
import { rateSegmentsOver, segmentsCost, standingCharge } from '../domain/tariff.js';
import type { Span, TimeRange } from '../domain/time.js';
import type { EnergyView, EnergyViewDeps } from './energy-view.js';
import { energyOfRange } from './meter-energy.js';

/** Every plan's cost over the span, cheapest first: energy at each plan's rates plus its standing charge. */
export async function planCosts(plans: readonly PricePlan[], view: EnergyView, span: Span): Promise<PlanCost[]> {
  const coverage = view.coverage();
  const segmentSets = plans.map((plan) => rateSegmentsOver(plan, coverage));
  const energies = await view.energy(segmentSets);
  return cheapestFirst(
    plans.map((plan, i) => ({ pricePlanId: plan.pricePlanId, cost: segmentsCost(segmentSets[i]!, energies[i]!) + standingCharge(plan, span) })),
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
