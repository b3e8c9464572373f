import { DEFAULT_MAX_GAP_SECONDS } from './energy.js';
import type { PricePlan } from './price-plans.js';
import type { Reading } from './readings.js';
import { planCost } from './tariff.js';
import type { Span } from './time.js';

export interface PlanCost {
  pricePlanId: string;
  cost: number;
}

/** The seed contract's entry shape: a one-key object, plan id → cost. */
export type PlanCostEntry = Record<string, number>;

/** The span readings cover: from the first to the last (empty when there are none). */
export function spanOfReadings(sorted: readonly Reading[]): Span {
  return sorted.length === 0 ? { from: 0, to: 0 } : { from: sorted[0]!.time, to: sorted.at(-1)!.time };
}

/** The usage costed under every plan, cheapest first (ties by plan id, so the order is stable). */
export function comparePlans(
  plans: readonly PricePlan[],
  sorted: readonly Reading[],
  span: Span,
  maxGapSeconds = DEFAULT_MAX_GAP_SECONDS,
): PlanCost[] {
  return cheapestFirst(plans.map((plan) => ({ pricePlanId: plan.pricePlanId, cost: planCost(plan, sorted, span, maxGapSeconds) })));
}

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
