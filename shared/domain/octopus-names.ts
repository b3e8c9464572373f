import type { Fuel } from './price-plan-catalogue.js';
import { fuelOf, type PricePlan } from './price-plans.js';

/*
 * How the Octopus-compatible read API names plans: product code = the plan id upper-cased; tariff code =
 * `E-1R-<PRODUCT>-A` (electricity, one rate), `E-2R-<PRODUCT>-A` (electricity, time-of-use: a standard rate and
 * cheaper windows) or `G-1R-<PRODUCT>-A` (gas). `A` stands for the one region the product prices.
 */

/** The region letter of every tariff code: one national price. */
export const REGION = 'A';

export const productCodeOf = (pricePlanId: string) => pricePlanId.toUpperCase();

/** The plan a product code names, case-insensitively (clients upper-case it). */
export const planIdOfProduct = (productCode: string) => productCodeOf(productCode).toLowerCase();

/**
 * Why a plan id cannot be named both ways (upper-cased to a product code and back), if it cannot: an upper-case
 * letter, or a letter whose upper case is another string (ß → SS).
 */
export function productNameProblem(pricePlanId: string): string | undefined {
  return planIdOfProduct(pricePlanId) === pricePlanId ? undefined : 'must be lower case: the /v1/ read API names the plan by its id upper-cased (the product code) and back';
}

/** A plan's registers: time-of-use electricity has two (standard and cheap windows), other plans one. */
export function registersOf(plan: PricePlan): '1R' | '2R' {
  return fuelOf(plan) === 'electricity' && plan.rates.some((version) => (version.timeOfUse?.length ?? 0) > 0) ? '2R' : '1R';
}

/** The tariff code of a plan of this fuel and these registers. */
export function tariffCode(pricePlanId: string, fuel: Fuel, registers: '1R' | '2R'): string {
  return `${fuel === 'gas' ? 'G' : 'E'}-${registers}-${productCodeOf(pricePlanId)}-${REGION}`;
}

export function tariffCodeOf(plan: PricePlan): string {
  return tariffCode(plan.pricePlanId, fuelOf(plan), registersOf(plan));
}
