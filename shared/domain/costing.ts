export interface PlanCost {
  pricePlanId: string;
  cost: number;
}

/** The seed contract's entry shape: a one-key object, plan id → cost. */
export type PlanCostEntry = Record<string, number>;

/** Costs ordered cheapest first, ties by plan id, so the order is stable. */
export function cheapestFirst(costs: PlanCost[]): PlanCost[] {
  return costs.sort((a, b) => a.cost - b.cost || a.pricePlanId.localeCompare(b.pricePlanId));
}

export function toEntries(costs: readonly PlanCost[]): PlanCostEntry[] {
  return costs.map(({ pricePlanId, cost }) => ({ [pricePlanId]: cost }));
}

/** The first `limit` of costs already sorted cheapest first (all of them when limit is absent or larger). */
export function cheapestPlans(costs: readonly PlanCost[], limit?: number): PlanCost[] {
  return limit === undefined ? [...costs] : costs.slice(0, limit);
}
