import type { PricePlan } from '../../shared/domain/price-plans.js';

/** The README's Economy 7 example (no day multiplier): a night band 00:30–07:30 London time at 0.12, else 0.30. */
export const ECONOMY_7: PricePlan = {
  pricePlanId: 'economy-7',
  supplier: 'The Green Eco',
  unitRate: 0.3,
  standingChargePerDay: 0.45,
  timeZone: 'Europe/London',
  timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 0.12 }],
};
