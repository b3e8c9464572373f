import * as v from 'valibot';
import { fuelOf, vatRateOf, versionAt, withVat, type Catalogue, type PricePlan } from '../domain/price-plans.js';
import { planIdOfProduct, productCodeOf, registersOf, REGION, tariffCodeOf } from '../domain/octopus-names.js';
import { meterNotFound } from './octopus.js';

/** A product as the products list answers it (and the start of one product's answer). */
const LinkSchema = v.strictObject({ href: v.string(), method: v.string(), rel: v.string() });
export const ProductSummarySchema = v.strictObject({
  code: v.string(),
  direction: v.string(),
  full_name: v.string(),
  display_name: v.string(),
  description: v.string(),
  is_variable: v.boolean(),
  is_green: v.boolean(),
  is_tracker: v.boolean(),
  is_prepay: v.boolean(),
  is_business: v.boolean(),
  is_restricted: v.boolean(),
  term: v.null(),
  available_from: v.string(),
  available_to: v.null(),
  brand: v.string(),
  links: v.array(LinkSchema),
});

/** The tariffs path segment of each fuel, as Octopus names it. */
export const TARIFF_TYPES = { 'electricity-tariffs': 'electricity', 'gas-tariffs': 'gas' } as const;
export type TariffType = keyof typeof TARIFF_TYPES;

/** The plan a product code names, or a 404 in Octopus's shape. */
export function productPlan(catalogue: Catalogue, productCode: string): PricePlan {
  const plan = catalogue.pricePlans.find((p) => p.pricePlanId === planIdOfProduct(productCode));
  if (!plan) throw meterNotFound();
  return plan;
}

/** A product as the products list answers it. */
export function productSummary(plan: PricePlan, baseUrl: string) {
  return {
    code: productCodeOf(plan.pricePlanId),
    direction: (plan.direction ?? 'import').toUpperCase(),
    full_name: `${plan.supplier} ${plan.pricePlanId}`,
    display_name: plan.pricePlanId,
    description: `${plan.supplier}: ${plan.dynamic ? 'half-hourly prices, published a day ahead' : registersOf(plan) === '2R' ? 'a standard rate and cheaper windows' : 'one unit rate'} (${fuelOf(plan)})`,
    is_variable: Boolean(plan.dynamic),
    is_green: false,
    is_tracker: false,
    is_prepay: false,
    is_business: false,
    is_restricted: false,
    term: null,
    available_from: new Date(plan.rates[0]!.validFrom * 1000).toISOString(),
    available_to: null,
    brand: plan.supplier,
    links: [{ href: `${baseUrl}/v1/products/${productCodeOf(plan.pricePlanId)}/`, method: 'GET', rel: 'self' }],
  };
}

/** A product with its one tariff's figures at an instant (VAT as the catalogue says; none on export). */
export function productDetail(plan: PricePlan, catalogue: Catalogue, at: number, baseUrl: string) {
  const version = versionAt(plan, at);
  const vat = vatRateOf(plan, catalogue.vatRate);
  const both = (value: number | undefined, name: string) => ({ [`${name}_exc_vat`]: value ?? null, [`${name}_inc_vat`]: value === undefined ? null : withVat(value, vat) });
  const code = tariffCodeOf(plan);
  const fuel = fuelOf(plan);
  const tariffsPath = `${baseUrl}/v1/products/${productCodeOf(plan.pricePlanId)}/${fuel}-tariffs/${code}`;
  const rateLinks = (registersOf(plan) === '2R' ? ['standard-unit-rates', 'day-unit-rates', 'night-unit-rates'] : ['standard-unit-rates']).concat('standing-charges');
  const cheapest = version?.timeOfUse?.length ? Math.min(...version.timeOfUse.map((band) => band.unitRate)) : undefined;
  const tariff = {
    code,
    ...both(version?.standingChargePerDay ?? (version ? 0 : undefined), 'standing_charge'),
    ...(registersOf(plan) === '2R' ? { ...both(version?.unitRate, 'day_unit_rate'), ...both(cheapest, 'night_unit_rate') } : both(plan.dynamic ? undefined : version?.unitRate, 'standard_unit_rate')),
    links: rateLinks.map((rel) => ({ href: `${tariffsPath}/${rel}/`, method: 'GET', rel: rel.replace(/-/g, '_') })),
  };
  const tariffs = { [`_${REGION}`]: { direct_debit_monthly: tariff } };
  const group = fuel === 'gas' ? 'single_register_gas_tariffs' : registersOf(plan) === '2R' ? 'dual_register_electricity_tariffs' : 'single_register_electricity_tariffs';
  const { links, ...summary } = productSummary(plan, baseUrl);
  return {
    ...summary,
    tariffs_active_at: new Date(at * 1000).toISOString(),
    single_register_electricity_tariffs: {},
    dual_register_electricity_tariffs: {},
    single_register_gas_tariffs: {},
    dual_register_gas_tariffs: {},
    [group]: tariffs,
    links,
  };
}
