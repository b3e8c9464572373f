import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { ECONOMY_7, flatPlan } from '../support/plans.js';
import { priceSegmentsOver, rateAt, standingCharge } from '../../shared/domain/tariff.js';
import { planCost } from '../support/costing-reference.js';

const utc = (iso: string) => Date.parse(iso) / 1000;

/** Power (kW) sampled every 15 minutes from `from` to `to` (inclusive) by a function of the instant. */
function sampled(from: number, to: number, kw: (t: number) => number) {
  const readings = [];
  for (let t = from; t <= to; t += 900) readings.push({ time: t, reading: kw(t) });
  return readings;
}

const economy7 = ECONOMY_7;
const E7_WITHOUT_STANDING = { pricePlanId: 'economy-7', supplier: 'The Green Eco', unitRate: 0.3, timeZone: 'Europe/London', timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 0.12 }] };
const noStanding = flatPlan(E7_WITHOUT_STANDING);
const energyOnly = (plan: PricePlan, readings: { time: number; reading: number }[]) =>
  planCost(plan, readings, { from: readings[0]!.time, to: readings.at(-1)!.time });

describe('time-of-use costing (hand-computed)', () => {
  it('prices an interval inside the night band at the band rate', () => {
    const night = sampled(utc('2024-01-10T02:00:00Z'), utc('2024-01-10T03:00:00Z'), () => 1); // 1 kWh, GMT
    expect(energyOnly(noStanding, night)).toBeCloseTo(0.12, 12);
  });

  it('splits an interval straddling a band edge exactly at the edge', () => {
    // One interval: 0 kW at 07:00 rising to 2 kW at 08:00; 07:00–07:30 holds 0.25 kWh, 07:30–08:00 0.75 kWh.
    const readings = [
      { time: utc('2024-01-10T07:00:00Z'), reading: 0 },
      { time: utc('2024-01-10T08:00:00Z'), reading: 2 },
    ];
    expect(energyOnly(noStanding, readings)).toBeCloseTo(0.25 * 0.12 + 0.75 * 0.3, 12);
  });

  it("ends a band at its `to`: Economy 7's night rate stops at 07:30 London time sharp, winter and summer (#40 T2d)", () => {
    // 00:30–07:30 at 0.12, else 0.30. In January London is on GMT (07:30 local = 07:30Z); in July on BST (06:30Z).
    expect(rateAt(economy7, utc('2024-01-10T07:29:59Z'))).toBe(0.12);
    expect(rateAt(economy7, utc('2024-01-10T07:30:00Z'))).toBe(0.3);
    expect(rateAt(economy7, utc('2024-01-10T07:30:30Z'))).toBe(0.3);
    expect(rateAt(economy7, utc('2024-07-10T06:30:00Z'))).toBe(0.3);
    // …and starts at its `from`: 00:30 sharp is night; a wrapping band 23:00–06:00 starts at 23:00 sharp.
    expect(rateAt(economy7, utc('2024-01-10T00:29:59Z'))).toBe(0.3);
    expect(rateAt(economy7, utc('2024-01-10T00:30:00Z'))).toBe(0.12);
    const night = flatPlan({ pricePlanId: 'night', supplier: 'S', unitRate: 0.5, timeZone: 'UTC', timeOfUse: [{ from: '23:00', to: '06:00', unitRate: 0.1 }] });
    expect(rateAt(night, utc('2024-01-10T22:59:59Z'))).toBe(0.5);
    expect(rateAt(night, utc('2024-01-10T23:00:00Z'))).toBe(0.1);
    // 1 kW from 07:00 to 08:00 GMT: 0.5 kWh at 0.12 and 0.5 kWh at 0.30 = 0.21, standing charge aside.
    expect(energyOnly(noStanding, sampled(utc('2024-01-10T07:00:00Z'), utc('2024-01-10T08:00:00Z'), () => 1))).toBeCloseTo(0.21, 12);
  });

  it('handles a band that wraps midnight', () => {
    const plan = flatPlan({
      pricePlanId: 'night', supplier: 'S', unitRate: 0.5, timeZone: 'UTC',
      timeOfUse: [{ from: '23:00', to: '06:00', unitRate: 0.1 }],
    });
    expect(rateAt(plan, utc('2024-01-10T00:15:00Z'))).toBe(0.1);
    expect(rateAt(plan, utc('2024-01-10T06:00:00Z'))).toBe(0.5); // `to` is exclusive
    const evening = sampled(utc('2024-01-10T22:30:00Z'), utc('2024-01-10T23:30:00Z'), () => 1);
    expect(energyOnly(plan, evening)).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.1, 12);
    const morning = sampled(utc('2024-01-11T05:30:00Z'), utc('2024-01-11T06:30:00Z'), () => 1);
    expect(energyOnly(plan, morning)).toBeCloseTo(0.5 * 0.1 + 0.5 * 0.5, 12);
  });

  it('applies a Saturday multiplier from local midnight', () => {
    const plan = flatPlan({
      pricePlanId: 'weekend', supplier: 'S', unitRate: 0.3,
      peakTimeMultipliers: [{ dayOfWeek: 'SATURDAY', multiplier: 0.8 }],
    });
    // Friday 23:00 to Saturday 01:00 (London, GMT), 1 kW: 1 kWh at 0.30, then 1 kWh at 0.24.
    const readings = sampled(utc('2024-01-12T23:00:00Z'), utc('2024-01-13T01:00:00Z'), () => 1);
    expect(energyOnly(plan, readings)).toBeCloseTo(0.3 + 0.24, 12);
    // In summer (BST) Saturday starts at 23:00 UTC on Friday.
    expect(rateAt(plan, utc('2024-07-12T23:30:00Z'))).toBeCloseTo(0.24, 12);
  });

  it('prorates the standing charge over 36 hours', () => {
    const period = { from: utc('2024-01-10T00:00:00Z'), to: utc('2024-01-11T12:00:00Z') };
    expect(standingCharge(economy7, period)).toBeCloseTo(0.675, 12);
    expect(planCost(economy7, [], period)).toBeCloseTo(0.675, 12);
  });

  it('follows the local clock across daylight-saving changes', () => {
    // 31 March 2024 (23 hours): 00:30 GMT → 07:30 BST is 6 real hours of night rate; 17 hours at the day rate.
    const spring = sampled(utc('2024-03-31T00:00:00Z'), utc('2024-03-31T23:00:00Z'), () => 1);
    expect(energyOnly(noStanding, spring)).toBeCloseTo(6 * 0.12 + 17 * 0.3, 9);
    // 27 October 2024 (25 hours): 00:30 BST → 07:30 GMT is 8 real hours of night rate; 17 at the day rate.
    const autumn = sampled(utc('2024-10-26T23:00:00Z'), utc('2024-10-28T00:00:00Z'), () => 1);
    expect(energyOnly(noStanding, autumn)).toBeCloseTo(8 * 0.12 + 17 * 0.3, 9);
  });

  it('changes rate at the daylight-saving jump itself when the band starts inside the skipped hour', () => {
    // 01:30 does not exist on 31 March 2024: local time jumps 01:00 GMT → 02:00 BST at 01:00 UTC, straight into a
    // 01:30–07:30 band, which ends at 06:30 UTC: 5.5 hours of night rate out of 23.
    const plan = flatPlan({ ...E7_WITHOUT_STANDING, timeOfUse: [{ from: '01:30', to: '07:30', unitRate: 0.12 }] });
    const spring = sampled(utc('2024-03-31T00:00:00Z'), utc('2024-03-31T23:00:00Z'), () => 1);
    expect(energyOnly(plan, spring)).toBeCloseTo(5.5 * 0.12 + 17.5 * 0.3, 9);
  });

  it('keeps flat plans flat: cost = kWh × unit rate', () => {
    const readings = sampled(0, 7200, () => 3);
    expect(energyOnly(DEFAULT_CATALOGUE.pricePlans[0]!, readings)).toBeCloseTo(6 * 10, 9);
  });
});

describe('a plan before its first version', () => {
  // One version from 2025-03-01T12:00:00Z: 20p/kWh and 48p a day.
  const LATE: PricePlan = { pricePlanId: 'late', supplier: 'L', rates: [{ validFrom: utc('2025-03-01T12:00:00Z'), unitRate: 20, standingChargePerDay: 48 }] };

  it('has no rate before it starts (unpriced, never 0), and charges standing only from its start (#40)', () => {
    expect(rateAt(LATE, utc('2025-03-01T11:59:59Z'))).toBeUndefined();
    expect(rateAt(LATE, utc('2025-03-01T12:00:00Z'))).toBe(20);
    // A day from midnight: only its second half is under the plan, 0.5 day × 48p = 24p.
    expect(standingCharge(LATE, { from: utc('2025-03-01T00:00:00Z'), to: utc('2025-03-02T00:00:00Z') })).toBe(24);
    expect(standingCharge(LATE, { from: utc('2025-03-01T00:00:00Z'), to: utc('2025-03-01T00:00:00Z') })).toBe(0);
  });
});


describe('export plans: what a kWh sent to the grid costs the household (#36)', () => {
  const day = utc('2025-06-02T00:00:00Z');
  const dynamicExport: PricePlan = { pricePlanId: 'out', supplier: 'S', direction: 'export', dynamic: true, rates: [{ validFrom: 0 }] };
  const prices = new Map([
    [day, -5],
    [day + 1800, 12],
  ]);

  it('pays nothing for a half hour published at −5p, and 12p for one at 12p: rates of 0 and −12 (a credit)', () => {
    expect(rateAt(dynamicExport, day + 60, prices)).toBe(0);
    expect(Object.is(rateAt(dynamicExport, day + 60, prices), -0)).toBe(false);
    expect(rateAt(dynamicExport, day + 1800 + 60, prices)).toBe(-12);
    expect(rateAt(dynamicExport, day + 3600 + 60, prices)).toBeUndefined(); // not published: unpriced, never 0
    // Published as it was: the negative price itself is kept (it is what read-prices answers).
    expect(priceSegmentsOver(dynamicExport, [{ from: day, to: day + 1800 }], prices)).toEqual([{ from: day, to: day + 1800, rate: -5 }]);
  });

  it('credits a fixed or time-of-use export plan its rate, and an import plan still charges', () => {
    const fixed: PricePlan = { pricePlanId: 'fix', supplier: 'S', direction: 'export', rates: [{ validFrom: 0, unitRate: 15, timeOfUse: [{ from: '16:00', to: '19:00', unitRate: 30 }] }] };
    expect(rateAt(fixed, day + 3600)).toBe(-15);
    expect(rateAt(fixed, day + 17 * 3600 - 3600)).toBe(-30); // 17:00 BST is 16:00 UTC
    expect(rateAt(DEFAULT_CATALOGUE.pricePlans[0]!, day)).toBe(10);
  });
});
