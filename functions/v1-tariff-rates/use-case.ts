import { nextUnitStart, unitStart } from '../../shared/domain/calendar.js';
import { registersOf, tariffCodeOf } from '../../shared/domain/octopus-names.js';
import { fuelOf, vatRateOf, withVat, type PricePlan } from '../../shared/domain/price-plans.js';
import { priceSegmentsOver, type RateSegment } from '../../shared/domain/tariff.js';
import { DAY_SECONDS, type Span } from '../../shared/domain/time.js';
import { ValidationError } from '../../shared/errors.js';
import { meterNotFound, OCTOPUS_TIME_ZONE, octopusTime } from '../../shared/http/octopus.js';
import { productPlan, TARIFF_TYPES, type TariffType } from '../../shared/http/octopus-products.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { priceBook } from '../../shared/services/price-book.js';
import type { TariffRatesPage } from './docs.js';
import type { RateType } from './route.js';

/** Time slices are answered for a year at most per request (a year of half hours is 17,568 results). */
export const MAX_SLICE_SECONDS = 366 * DAY_SECONDS;

type Rate = TariffRatesPage['results'][number];
/** A rate over its validity (`to` undefined: still in force). */
interface Valid {
  from: number;
  to: number | undefined;
  value: number;
}

/** Each version's value (where it has one), valid from its start to the next version's. */
function perVersion(plan: PricePlan, valueOf: (version: PricePlan['rates'][number]) => number[]): Valid[] {
  return plan.rates.flatMap((version, i) => valueOf(version).map((value) => ({ from: version.validFrom, to: plan.rates[i + 1]?.validFrom, value })));
}

/** A plan whose rate stays the same all day (no bands, no weekday multipliers, not dynamic): one rate per version. */
const flatAllDay = (plan: PricePlan) => !plan.dynamic && plan.rates.every((r) => !r.timeOfUse?.length && !r.peakTimeMultipliers?.length);

/**
 * The rates of the plan a tariff code names, as Octopus answers a tariff's rates; a code that is not the product's own,
 * the other fuel's path, or a rate type the plan does not have (day/night of a one-rate plan) is a 404.
 */
export async function tariffRates(
  deps: { pricePlans: PricePlansReader; now: () => number },
  path: { productCode: string; tariffType: TariffType; tariffCode: string; rateType: RateType },
  query: { period_from?: number; period_to?: number },
): Promise<Rate[]> {
  const catalogue = await deps.pricePlans.catalogue();
  const plan = productPlan(catalogue, path.productCode);
  if (tariffCodeOf(plan) !== path.tariffCode.toUpperCase() || fuelOf(plan) !== TARIFF_TYPES[path.tariffType]) throw meterNotFound();
  const twoRate = registersOf(plan) === '2R';
  let rates: Valid[];
  if (path.rateType === 'standing-charges') rates = perVersion(plan, (version) => [version.standingChargePerDay ?? 0]);
  else if (path.rateType === 'day-unit-rates' || path.rateType === 'night-unit-rates') {
    if (!twoRate) throw meterNotFound();
    rates =
      path.rateType === 'day-unit-rates'
        ? perVersion(plan, (version) => [version.unitRate!])
        : perVersion(plan, (version) => [...new Set((version.timeOfUse ?? []).map((band) => band.unitRate))]);
  } else if (flatAllDay(plan)) rates = perVersion(plan, (version) => [version.unitRate!]);
  else rates = await slices(deps, plan, query);
  const vat = vatRateOf(plan, catalogue.vatRate);
  const from = query.period_from ?? -Infinity;
  const to = query.period_to ?? Infinity;
  return rates
    .filter((rate) => rate.from < to && (rate.to === undefined || rate.to > from))
    .sort((a, b) => b.from - a.from)
    .map((rate) => ({ value_exc_vat: rate.value, value_inc_vat: withVat(rate.value, vat), valid_from: octopusTime(rate.from), valid_to: rate.to === undefined ? null : octopusTime(rate.to), payment_method: null }));
}

/**
 * The time slices where each rate applies over the range (default: today and tomorrow, London), each whole: the
 * range is widened to London midnights first, so a slice asked for at one instant answers its full validity.
 */
async function slices(deps: { pricePlans: PricePlansReader; now: () => number }, plan: PricePlan, query: { period_from?: number; period_to?: number }): Promise<Valid[]> {
  const today = unitStart(deps.now(), 'day', OCTOPUS_TIME_ZONE);
  const to = query.period_to ?? (query.period_from === undefined ? nextUnitStart(nextUnitStart(today, 'day', OCTOPUS_TIME_ZONE), 'day', OCTOPUS_TIME_ZONE) : query.period_from + 2 * DAY_SECONDS);
  const from = query.period_from ?? Math.min(today, to - 1);
  if (to - from > MAX_SLICE_SECONDS) throw new ValidationError('period_to: at most a year after period_from for time slices: page through shorter periods');
  const span: Span = { from: unitStart(from, 'day', OCTOPUS_TIME_ZONE), to: nextUnitStart(unitStart(to - 1, 'day', OCTOPUS_TIME_ZONE), 'day', OCTOPUS_TIME_ZONE) };
  const book = await priceBook(deps.pricePlans, [span], new Set([plan.pricePlanId]));
  const merged: RateSegment[] = [];
  for (const segment of priceSegmentsOver(plan, [span], book.pricesOf(plan.pricePlanId))) {
    if (segment.rate === undefined) continue;
    const last = merged.at(-1);
    // A fixed plan's pieces join while the rate holds; a dynamic plan answers each published half hour on its own.
    if (!plan.dynamic && last && last.to === segment.from && last.rate === segment.rate) last.to = segment.to;
    else merged.push({ ...segment });
  }
  return merged.map((segment) => ({ from: segment.from, to: segment.to, value: segment.rate! }));
}
