import type * as v from 'valibot';
import type { CatalogueSchema, Direction, Fuel, Market, PricePlanSchema, RateVersionSchema } from './price-plan-catalogue.js';
import type { Span } from './time.js';

/** A price plan's document: who supplies it, its zone and its rate versions (schema in price-plan-catalogue.ts). */
export type PricePlan = v.InferOutput<typeof PricePlanSchema>;
/** One version of a plan's rates, in force from `validFrom` until the next version starts. */
export type RateVersion = v.InferOutput<typeof RateVersionSchema>;
/** Every plan of a deployment, with its currency and VAT rate. Prices are in the currency's minor unit, without VAT. */
export type Catalogue = v.InferOutput<typeof CatalogueSchema>;

/** Which way a plan prices energy: import unless it says export. */
export const directionOf = (plan: Pick<PricePlan, 'direction'>): Direction => plan.direction ?? 'import';

/** Which fuel a plan prices: electricity unless it says gas. */
export const fuelOf = (plan: Pick<PricePlan, 'fuel'>): Fuel => plan.fuel ?? 'electricity';

/** Whether a meter of this market (direction and fuel) may be billed on the plan. */
export const servesMarket = (plan: Pick<PricePlan, 'direction' | 'fuel'>, market: Market): boolean => directionOf(plan) === market.direction && fuelOf(plan) === market.fuel;

/** The plans a meter of this direction (and fuel: electricity unless given) may be billed on and compared under. */
export const plansOf = (catalogue: Pick<Catalogue, 'pricePlans'>, direction: Direction, fuel: Fuel = 'electricity'): PricePlan[] =>
  catalogue.pricePlans.filter((p) => servesMarket(p, { direction, fuel }));

/** VAT is charged on what a household buys, never on what it is paid for export. */
export const vatRateOf = (plan: Pick<PricePlan, 'direction'>, vatRate: number): number => (directionOf(plan) === 'export' ? 0 : vatRate);

/** A plan's versions cut to a span: each piece with the version in force (none before the first version starts). */
export function versionsOver(plan: PricePlan, span: Span): { from: number; to: number; version: RateVersion | undefined }[] {
  const pieces: { from: number; to: number; version: RateVersion | undefined }[] = [];
  const starts = plan.rates.map((r) => r.validFrom);
  if (span.from < starts[0]!) pieces.push({ from: span.from, to: Math.min(span.to, starts[0]!), version: undefined });
  plan.rates.forEach((version, i) => {
    const from = Math.max(span.from, version.validFrom);
    const to = Math.min(span.to, plan.rates[i + 1]?.validFrom ?? Infinity);
    if (from < to) pieces.push({ from, to, version });
  });
  return pieces;
}

/** The version in force at an instant (undefined before the plan's first version). */
export function versionAt(plan: PricePlan, time: number): RateVersion | undefined {
  return plan.rates.findLast((r) => r.validFrom <= time);
}

/**
 * Money and rates as answered: rounded to 6 decimals of the minor unit, so binary noise never shows or decides
 * (1.5p × 1.05 is 1.575p, not 1.5750000000000002p; a saving of -4.44e-15 is 0) while every hand-worked figure stays
 * exact (57.3125p, 108.12375p). Statements keep their own published rounding (statement.ts).
 */
export function roundMoney(amount: number): number {
  const rounded = Math.round(amount * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded; // never -0
}

/** The cost (or rate) including VAT of one without it, rounded as money is answered. */
export function withVat(cost: number, vatRate: number): number {
  return roundMoney(cost * (1 + vatRate));
}
