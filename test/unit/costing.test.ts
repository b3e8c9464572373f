import { describe, expect, it } from 'vitest';
import { cheapestPlans, toEntries } from '../../shared/domain/costing.js';
import { comparePlans, planCost, spanOfReadings } from '../support/costing-reference.js';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { flatPlan } from '../support/plans.js';
import { plansOf } from '../../shared/domain/price-plans.js';

/** The seed's three plans: an import meter is compared on import plans only. */
const IMPORT_PLANS = plansOf(DEFAULT_CATALOGUE, 'import');

/** A constant 1.5 kW for one hour: 1.5 kWh. */
const readings = [
  { time: 0, reading: 1.5 },
  { time: 3600, reading: 1.5 },
];
const period = spanOfReadings(readings);

describe('comparePlans', () => {
  it('costs the usage under every plan, cheapest first', () => {
    expect(comparePlans(IMPORT_PLANS, readings, period)).toEqual([
      { pricePlanId: 'price-plan-2', cost: 1.5 },
      { pricePlanId: 'price-plan-1', cost: 3 },
      { pricePlanId: 'price-plan-0', cost: 15 },
    ]);
  });

  it('orders equal costs by plan id so the answer is stable', () => {
    const plans = [flatPlan({ pricePlanId: 'b', supplier: 'B', unitRate: 1 }), flatPlan({ pricePlanId: 'a', supplier: 'A', unitRate: 1 })];
    expect(comparePlans(plans, readings, period).map((c) => c.pricePlanId)).toEqual(['a', 'b']);
  });

  it('costs only the part of the usage inside the period', () => {
    expect(planCost(DEFAULT_CATALOGUE.pricePlans[1]!, readings, { from: 0, to: 1800 })).toBeCloseTo(1.5, 12);
  });

  it('turns costs into one-key entries as the seed contract shows', () => {
    expect(toEntries([{ pricePlanId: 'price-plan-2', cost: 0.5 }])).toEqual([{ 'price-plan-2': 0.5 }]);
  });
});

describe('cheapestPlans', () => {
  const costs = comparePlans(IMPORT_PLANS, readings, period);
  it('cuts the list to the limit', () => {
    expect(cheapestPlans(costs, 2).map((c) => c.pricePlanId)).toEqual(['price-plan-2', 'price-plan-1']);
  });
  it('returns every plan when the limit is absent or larger than the plan count', () => {
    expect(cheapestPlans(costs)).toHaveLength(3);
    expect(cheapestPlans(costs, 50)).toHaveLength(3);
  });
});
