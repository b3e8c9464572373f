export interface PlanCost {
  pricePlanId: string;
  /** In the currency's minor unit, VAT included. */
  cost: number;
}

/** A plan's cost with the energy it could not price (a dynamic plan's half hours with no published price). */
export interface PricedPlanCost extends PlanCost {
  unpricedKWh: number;
  /** Gas not converted to kWh yet (no published calorific value): as unknown as an unpublished price. */
  unconvertedM3?: number;
}

/** Whether every kWh of a costing was priced and known. */
export const isComplete = (cost: Pick<PricedPlanCost, 'unpricedKWh' | 'unconvertedM3'>): boolean => cost.unpricedKWh === 0 && !cost.unconvertedM3;

/** The seed contract's entry shape: a one-key object, plan id → cost. */
export type PlanCostEntry = Record<string, number>;

/** Costs ordered cheapest first, ties by plan id, so the order is stable. */
export function cheapestFirst<C extends PlanCost>(costs: C[]): C[] {
  return costs.sort((a, b) => a.cost - b.cost || a.pricePlanId.localeCompare(b.pricePlanId));
}

/**
 * Never a guess: only plans whose every kWh was priced are ranked (cheapest first); the others are named apart, so a
 * plan with missing prices can never look cheapest.
 */
export function rankComplete(costs: readonly PricedPlanCost[]): { costs: PlanCost[]; incomplete: string[] } {
  return {
    costs: cheapestFirst(costs.filter(isComplete).map(({ pricePlanId, cost }) => ({ pricePlanId, cost }))),
    incomplete: costs.filter((c) => !isComplete(c)).map((c) => c.pricePlanId).sort(),
  };
}

export function toEntries(costs: readonly PlanCost[]): PlanCostEntry[] {
  return costs.map(({ pricePlanId, cost }) => ({ [pricePlanId]: cost }));
}

/** The first `limit` of costs already sorted cheapest first (all of them when limit is absent or larger). */
export function cheapestPlans(costs: readonly PlanCost[], limit?: number): PlanCost[] {
  return limit === undefined ? [...costs] : costs.slice(0, limit);
}
