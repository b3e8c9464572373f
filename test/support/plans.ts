import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import type { Catalogue, PricePlan } from '../../shared/domain/price-plans.js';
import { InMemoryPricePlansStore } from './in-memory-stores.js';

/** A plan written in today's first (flat) format, as a plan document: one version from 0. */
export function flatPlan(plan: Record<string, unknown>): PricePlan {
  return parseCatalogue([plan], 'test plan').pricePlans[0]!;
}

/** A catalogue of plan documents (GBP, no VAT unless given). */
export function catalogueOf(pricePlans: readonly PricePlan[], settings: Partial<Omit<Catalogue, 'pricePlans'>> = {}): Catalogue {
  return { currency: 'GBP', vatRate: 0, ...settings, pricePlans: [...pricePlans] };
}

/** A price plans store holding these plans (and, per dynamic plan, half-hour start → published rate). */
export function plansStore(pricePlans: readonly PricePlan[], prices: Record<string, ReadonlyMap<number, number>> = {}, settings: Partial<Omit<Catalogue, 'pricePlans'>> = {}) {
  return new InMemoryPricePlansStore(catalogueOf(pricePlans, settings), prices);
}

/** The README's Economy 7 example (no day multiplier): a night band 00:30–07:30 London time at 12p, else 30p. */
export const ECONOMY_7: PricePlan = flatPlan({
  pricePlanId: 'economy-7',
  supplier: 'The Green Eco',
  unitRate: 0.3,
  standingChargePerDay: 0.45,
  timeZone: 'Europe/London',
  timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 0.12 }],
});
