import { toEntries } from '../../shared/domain/costing.js';
import type { Interval } from '../../shared/domain/energy-source.js';
import { roundMoney } from '../../shared/domain/price-plans.js';
import { MIN_DAYS_FOR_YEARLY_SAVING, perYear } from '../../shared/domain/savings.js';
import { DAY_SECONDS } from '../../shared/domain/time.js';
import { ValidationError } from '../../shared/errors.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { compareIntervals } from '../../shared/services/plan-costs.js';
import type { OwnDataComparison } from './docs.js';

/**
 * A household's own half hours costed under every plan, as compare-all costs a meter's; with the plan it is on, the
 * cheapest plan's saving against it over the data (and per year from four weeks of data).
 */
export async function compareOwnData(
  deps: { pricePlans: PricePlansReader; now: () => number },
  request: { intervals: readonly Interval[]; currentPricePlanId?: string },
): Promise<OwnDataComparison> {
  const { currentPricePlanId } = request;
  if (currentPricePlanId !== undefined && !(await deps.pricePlans.catalogue()).pricePlans.some((p) => p.pricePlanId === currentPricePlanId)) {
    throw new ValidationError(`currentPricePlanId '${currentPricePlanId}' is not in the plan catalogue`);
  }
  const unique = [...new Map(request.intervals.map((i) => [i.start, i])).values()];
  const { currency, costs, incomplete, coverage, span } = await compareIntervals(deps.pricePlans, unique, deps.now());
  const answer: OwnDataComparison = { currency, pricePlanComparisons: toEntries(costs), incomplete, coverage };
  const current = costs.find((c) => c.pricePlanId === currentPricePlanId);
  const cheapest = costs[0];
  if (current && cheapest) {
    const days = (span.to - span.from) / DAY_SECONDS;
    const saving = roundMoney(current.cost - cheapest.cost);
    answer.savings = { pricePlanId: cheapest.pricePlanId, saving, ...(days >= MIN_DAYS_FOR_YEARLY_SAVING && { savingPerYear: perYear(saving, days) }) };
  }
  return answer;
}
