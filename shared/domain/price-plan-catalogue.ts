import * as v from 'valibot';
import { ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { DAYS_OF_WEEK, type PricePlan } from './price-plans.js';
import { isTimeZone } from './time.js';

const clockTime = v.pipe(v.string(), v.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day HH:MM (00:00–23:59)'));
const rate = v.pipe(v.number(), v.minValue(0));

const TimeOfUseBandSchema = v.pipe(
  v.object({ from: clockTime, to: clockTime, unitRate: rate }),
  v.forward(v.check((band) => band.from !== band.to, 'from and to must differ'), ['to']),
);

export const PricePlanSchema = v.object({
  pricePlanId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  supplier: v.pipe(v.string(), v.minLength(1)),
  /** Price per kWh outside every time-of-use band. */
  unitRate: rate,
  /** Fixed price per day, prorated over the period costed. */
  standingChargePerDay: v.optional(rate),
  timeZone: v.optional(v.pipe(v.string(), v.check(isTimeZone, 'must be an IANA time zone, e.g. Europe/London'))),
  /** Bands of the plan's local clock with their own rate; from inclusive, to exclusive; a band may wrap midnight. */
  timeOfUse: v.optional(v.array(TimeOfUseBandSchema)),
  /** Multipliers of the rate on given local days of the week. */
  peakTimeMultipliers: v.optional(v.array(v.object({ dayOfWeek: v.picklist(DAYS_OF_WEEK), multiplier: rate }))),
});

/**
 * A catalogue of price plans (JSON: an array of plans), validated as a whole: an invalid one is refused with a
 * message naming the bad entry, so a bad catalogue stops start-up (or synth) instead of mis-pricing customers.
 */
export function parseCatalogueJson(json: string, source = 'price plan catalogue'): PricePlan[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ValidationError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  return parseCatalogue(data, source);
}

export function parseCatalogue(data: unknown, source = 'price plan catalogue'): PricePlan[] {
  if (!Array.isArray(data) || data.length === 0) throw new ValidationError(`${source}: must be a non-empty array of price plans`);
  const seen = new Set<string>();
  return data.map((entry: unknown, index) => {
    const id = (entry as { pricePlanId?: unknown } | null)?.pricePlanId;
    const name = `${source}: entry ${index}${typeof id === 'string' ? ` (${id})` : ''}`;
    let plan: PricePlan;
    try {
      plan = parseOrThrow(PricePlanSchema, entry);
    } catch (error) {
      throw new ValidationError(`${name}: ${(error as Error).message}`);
    }
    if (seen.has(plan.pricePlanId)) throw new ValidationError(`${name}: duplicate pricePlanId`);
    seen.add(plan.pricePlanId);
    return plan;
  });
}

/** Accounts that name a plan the catalogue does not hold: reported at start-up. */
export function unknownPlanIds(catalogue: readonly PricePlan[], accounts: readonly { smartMeterId: string; pricePlanId?: string }[]) {
  const known = new Set(catalogue.map((p) => p.pricePlanId));
  return accounts.filter((a) => a.pricePlanId !== undefined && !known.has(a.pricePlanId));
}
