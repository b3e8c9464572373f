import { coveredRuns, DEFAULT_MAX_GAP_SECONDS, energyPerPeriodKwh } from '../../shared/domain/energy.js';
import { cheapestFirst, type PlanCost } from '../../shared/domain/costing.js';
import { withVat, type PricePlan } from '../../shared/domain/price-plans.js';
import type { Reading } from '../../shared/domain/readings.js';
import { rateSegmentsOver, segmentsCost, standingCharge, type HalfHourPrices } from '../../shared/domain/tariff.js';
import type { Span } from '../../shared/domain/time.js';

/**
 * Costing straight from a list of readings, with the domain's own rules (rate segments, energy per period, standing
 * charge) and no store, view or summary in between: what the tests compare the routes' answers with.
 */

/** The span readings cover: from the first to the last (empty when there are none). */
export function spanOfReadings(sorted: readonly Reading[]): Span {
  return sorted.length === 0 ? { from: 0, to: 0 } : { from: sorted[0]!.time, to: sorted.at(-1)!.time };
}

/** What usage over a span costs under a plan: energy at its time-varying rate plus the standing charge (+ VAT). */
export function planCost(
  plan: PricePlan,
  sorted: readonly Reading[],
  span: Span,
  maxGapSeconds = DEFAULT_MAX_GAP_SECONDS,
  options: { prices?: HalfHourPrices; vatRate?: number } = {},
): number {
  const segments = rateSegmentsOver(plan, coveredRuns(sorted, span, maxGapSeconds), options.prices);
  return withVat(segmentsCost(segments, energyPerPeriodKwh(sorted, segments, maxGapSeconds)).cost + standingCharge(plan, span), options.vatRate ?? 0);
}

/** The usage costed under every plan, cheapest first (ties by plan id). */
export function comparePlans(plans: readonly PricePlan[], sorted: readonly Reading[], span: Span, maxGapSeconds = DEFAULT_MAX_GAP_SECONDS): PlanCost[] {
  return cheapestFirst(plans.map((plan) => ({ pricePlanId: plan.pricePlanId, cost: planCost(plan, sorted, span, maxGapSeconds) })));
}
