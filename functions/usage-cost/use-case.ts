import { planParts, type Account } from '../../shared/domain/accounts.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { rateSegmentsOver, segmentsCost, standingCharge } from '../../shared/domain/tariff.js';
import { clipSpans, type Span } from '../../shared/domain/time.js';
import { NoPricePlanError } from '../../shared/errors.js';
import type { EnergyViewDeps } from '../../shared/services/energy-view.js';
import { openEnergyView } from '../../shared/services/meter-energy.js';
import type { UsageCost } from './docs.js';

export type UsageCostDeps = EnergyViewDeps & { pricePlans: readonly PricePlan[] };

/** Energy and cost over a span, each part priced under the plan in force then. */
export async function usageCost(deps: UsageCostDeps, account: Account, span: Span): Promise<UsageCost> {
  const { smartMeterId } = account;
  const parts = planParts(account, span).map((part) => {
    const plan = deps.pricePlans.find((p) => p.pricePlanId === part.pricePlanId);
    if (!plan) throw new NoPricePlanError(smartMeterId, part.pricePlanId);
    return { plan, part };
  });
  if (parts.length === 0) throw new NoPricePlanError(smartMeterId); // an empty span: nothing to price
  const bounds = await deps.readings.bounds(smartMeterId);
  const view = await openEnergyView(deps, smartMeterId, span, bounds);
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
