import type { PricePlan } from './price-plans.js';

export interface PlanCost {
  pricePlanId: string;
  cost: number;
}

/** The seed contract's entry shape: a one-key object, plan id → cost. */
export type PlanCostEntry = Record<string, number>;

/** Cost of an amount of energy under every plan, cheapest first (ties by plan id, so the order is stable). */
export function comparePlans(plans: readonly PricePlan[], kWh: number): PlanCost[] {
  return plans
    .map((plan) => ({ pricePlanId: plan.pricePlanId, cost: kWh * plan.unitRate }))
    .sort((a, b) => a.cost - b.cost || a.pricePlanId.localeCompare(b.pricePlanId));
}

export function toEntries(costs: readonly PlanCost[]): PlanCostEntry[] {
  return costs.map(({ pricePlanId, cost }) => ({ [pricePlanId]: cost }));
}

/** The cheapest plans first, at most `limit` of them (all when limit is absent or larger). */
export function recommend(costs: readonly PlanCost[], limit?: number): PlanCost[] {
  return limit === undefined ? [...costs] : costs.slice(0, limit);
}
