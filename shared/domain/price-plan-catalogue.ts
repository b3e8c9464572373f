import * as v from 'valibot';
import { ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { MAX_EPOCH_SECONDS } from './readings.js';
import { isTimeZone } from './time.js';

/*
 * The catalogue's schema and its vocabulary live here; price-plans.ts takes its types from these schemas and adds the
 * arithmetic on them. The dependency runs one way: this file imports nothing of price-plans.ts.
 */

export const DAYS_OF_WEEK = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/**
 * Which way energy flows through a meter, and which way a plan prices it: `import` (bought from the grid: the
 * household pays) or `export` (sold to it, e.g. solar: the household is paid). A meter is billed only on plans of
 * its own direction.
 */
export const DIRECTIONS = ['import', 'export'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What a meter measures and a plan prices: electricity (the default) or gas (billed in kWh worked out from volume). */
export const FUELS = ['electricity', 'gas'] as const;
export type Fuel = (typeof FUELS)[number];

/** Which plans a meter may be on: those of its direction and its fuel. */
export interface Market {
  direction: Direction;
  fuel: Fuel;
}

/**
 * Literal segments of routes under /price-plans/: a plan with such an id could never be addressed (`GET
 * /price-plans/compare-all` is not a plan). The routes test checks the list against the route table.
 */
export const RESERVED_PLAN_IDS: readonly string[] = ['compare', 'compare-all', 'compare-dual', 'compare-pairs', 'recommend', 'savings'];

const clockTime = v.pipe(v.string(), v.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day HH:MM (00:00–23:59)'));
/** A price in the currency's minor unit (pence per kWh, pence per day), without VAT; at most 1,000,000. */
const price = v.pipe(v.number(), v.minValue(0), v.maxValue(1_000_000));
const multiplier = v.pipe(v.number(), v.minValue(0), v.maxValue(100));

const TimeOfUseBandSchema = v.pipe(
  v.object({ from: clockTime, to: clockTime, unitRate: price }),
  v.forward(v.check((band) => band.from !== band.to, 'from and to must differ'), ['to']),
);

/** A plan's id: also a URL segment, so never one of the routes' own words under /price-plans/. */
export const PlanIdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(128),
  v.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
  v.check((id) => id !== '.' && id !== '..' && !RESERVED_PLAN_IDS.includes(id), `cannot be ., .. or a route's own word (${RESERVED_PLAN_IDS.join(', ')})`),
);

const planFields = {
  supplier: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  timeZone: v.optional(v.pipe(v.string(), v.check(isTimeZone, 'must be an IANA time zone, e.g. Europe/London'))),
  /** Absent: import. An export plan's unitRate is what the household is paid per kWh (no VAT, no standing charge). */
  direction: v.optional(v.picklist(DIRECTIONS)),
  /** Absent: electricity. A gas plan prices the kWh worked out from a gas meter's volume (and is never an export plan). */
  fuel: v.optional(v.picklist(FUELS)),
  /** Sold only as half of a dual-fuel pair, with one of the plans of the other fuel it names in `requiresPartner`. */
  dualFuelOnly: v.optional(v.boolean()),
  requiresPartner: v.optional(v.pipe(v.array(PlanIdSchema), v.minLength(1), v.maxLength(100))),
  /** An export plan sold only together with one of these import plans (a Flux-like pair). */
  requiresImport: v.optional(v.pipe(v.array(PlanIdSchema), v.minLength(1), v.maxLength(100))),
};
const versionFields = {
  /** Price per kWh outside every time-of-use band (absent on a dynamic plan: its half hours are published). */
  unitRate: v.optional(price),
  /** Fixed price per day, prorated over the period costed. */
  standingChargePerDay: v.optional(price),
  /** Bands of the plan's local clock with their own rate; from inclusive, to exclusive; a band may wrap midnight. */
  timeOfUse: v.optional(v.pipe(v.array(TimeOfUseBandSchema), v.maxLength(48))),
  /** Multipliers of the rate on given local days of the week. */
  peakTimeMultipliers: v.optional(v.pipe(v.array(v.object({ dayOfWeek: v.picklist(DAYS_OF_WEEK), multiplier })), v.maxLength(7))),
};

export const RateVersionSchema = v.strictObject({
  /** When this version starts (epoch seconds); it holds until the next version starts. */
  validFrom: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_EPOCH_SECONDS)),
  ...versionFields,
});

type Version = v.InferOutput<typeof RateVersionSchema>;

const fixedOnly = (r: Version) => r.unitRate !== undefined || r.timeOfUse !== undefined || r.peakTimeMultipliers !== undefined;

/** A plan's document, as stored, served by GET /price-plans/{id} and accepted by PUT /admin/price-plans/{id}. */
export const PricePlanSchema = v.pipe(
  v.strictObject({
    pricePlanId: PlanIdSchema,
    ...planFields,
    /** Its unit rate is published per half hour (PUT …/prices); its versions hold standing charges only. */
    dynamic: v.optional(v.boolean()),
    rates: v.pipe(v.array(RateVersionSchema), v.minLength(1), v.maxLength(200)),
  }),
  v.forward(
    v.check((p) => p.rates.every((r, i) => i === 0 || r.validFrom > p.rates[i - 1]!.validFrom), 'must be in ascending order of validFrom, each starting later than the one before'),
    ['rates'],
  ),
  v.forward(
    v.check((p) => (p.dynamic ? p.rates.every((r) => !fixedOnly(r)) : p.rates.every((r) => r.unitRate !== undefined)), (issue) =>
      issue.input.dynamic
        ? 'of a dynamic plan hold standing charges only: its unit rates are published per half hour'
        : 'must each hold a unitRate (or the plan is dynamic: true)',
    ),
    ['rates'],
  ),
  v.forward(
    v.check((p) => p.direction !== 'export' || p.rates.every((r) => !r.standingChargePerDay), 'of an export plan hold no standing charge: the household is paid for energy and pays nothing per day'),
    ['rates'],
  ),
  v.forward(
    v.check((p) => p.requiresImport === undefined || p.direction === 'export', 'is for export plans only: the import plans an export plan is sold with'),
    ['requiresImport'],
  ),
  v.forward(
    v.check((p) => p.fuel !== 'gas' || p.direction !== 'export', 'of a gas plan is import: households do not sell gas'),
    ['direction'],
  ),
  v.forward(
    v.check((p) => !p.dualFuelOnly || p.requiresPartner !== undefined, 'of a dualFuelOnly plan names its partners: the plans of the other fuel it is sold with'),
    ['requiresPartner'],
  ),
);

export const CatalogueSchema = v.object({
  /** ISO 4217 code of the currency every price is in (its minor unit: pence for GBP). */
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. GBP')),
  /** VAT as a fraction (GB domestic energy: 0.05); prices are stored without it, costs are answered with it. */
  vatRate: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  pricePlans: v.array(PricePlanSchema),
});

/** The catalogue's own fields; its plans are checked one by one so an error names the entry. */
const CatalogueHeadSchema = v.object({
  currency: v.optional(CatalogueSchema.entries.currency, 'GBP'),
  vatRate: v.optional(CatalogueSchema.entries.vatRate, 0),
  pricePlans: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(100)),
});

/** Today's first format: a bare array of plans with their rates at the top level (one version from 0). */
const FlatPlanSchema = v.object({ pricePlanId: PlanIdSchema, ...planFields, ...versionFields, unitRate: price });

/** A flat plan as a plan document, checked as one (so the export rules hold in both formats). */
function fromFlat({ pricePlanId, supplier, timeZone, direction, fuel, requiresImport, dualFuelOnly, requiresPartner, ...rates }: v.InferOutput<typeof FlatPlanSchema>): PricePlan {
  const version = Object.fromEntries(Object.entries({ validFrom: 0, ...rates }).filter(([, value]) => value !== undefined)) as Version;
  const optional = Object.fromEntries(Object.entries({ timeZone, direction, fuel, requiresImport, dualFuelOnly, requiresPartner }).filter(([, value]) => value !== undefined));
  return parseOrThrow(PricePlanSchema, { pricePlanId, supplier, ...optional, rates: [version] });
}

/**
 * A catalogue of price plans, validated as a whole: an invalid one is refused with a message naming the bad entry and
 * field, so a bad catalogue stops start-up (or synth) instead of mis-pricing customers. Either format: `{currency,
 * vatRate, pricePlans: [plan documents]}`, or a bare array of flat plans (GBP, no VAT, one version from 0).
 */
export function parseCatalogueJson(json: string, source = 'price plan catalogue'): Catalogue {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ValidationError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  return parseCatalogue(data, source);
}

export function parseCatalogue(data: unknown, source = 'price plan catalogue'): Catalogue {
  const flat = Array.isArray(data);
  if (flat && data.length === 0) throw new ValidationError(`${source}: must hold at least one price plan`);
  let head: v.InferOutput<typeof CatalogueHeadSchema>;
  try {
    head = parseOrThrow(CatalogueHeadSchema, flat ? { pricePlans: data } : data);
  } catch (error) {
    throw new ValidationError(`${source}: ${(error as Error).message}`);
  }
  const seen = new Set<string>();
  const pricePlans = head.pricePlans.map((entry: unknown, index) => {
    const id = (entry as { pricePlanId?: unknown } | null)?.pricePlanId;
    const name = `${source}: entry ${index}${typeof id === 'string' ? ` (${id})` : ''}`;
    let plan: PricePlan;
    try {
      plan = flat ? fromFlat(parseOrThrow(FlatPlanSchema, entry)) : parseOrThrow(PricePlanSchema, entry);
    } catch (error) {
      throw new ValidationError(`${name}: ${(error as Error).message}`);
    }
    if (seen.has(plan.pricePlanId)) throw new ValidationError(`${name}: duplicate pricePlanId`);
    seen.add(plan.pricePlanId);
    return plan;
  });
  for (const plan of pricePlans) {
    const problem = requiredImportProblem(plan, pricePlans);
    if (problem) throw new ValidationError(`${source}: ${plan.pricePlanId}: ${problem}`);
  }
  return { currency: head.currency, vatRate: head.vatRate, pricePlans };
}

/** Why an export plan's `requiresImport` cannot hold among these plans (it names no import plan of them), if it cannot. */
export function requiredImportProblem(plan: PricePlan, plans: readonly PricePlan[]): string | undefined {
  const unknown = (plan.requiresImport ?? []).filter((id) => !plans.some((p) => p.pricePlanId === id && (p.direction ?? 'import') === 'import'));
  return unknown.length > 0 ? `requiresImport names ${unknown.join(', ')}, which ${unknown.length > 1 ? 'are not import plans' : 'is not an import plan'} of the catalogue` : undefined;
}

/** Accounts that name a plan the catalogue does not hold: reported at start-up. */
export function unknownPlanIds(catalogue: Catalogue, accounts: readonly { smartMeterId: string; pricePlanId?: string }[]) {
  const known = new Set(catalogue.pricePlans.map((p) => p.pricePlanId));
  return accounts.filter((a) => a.pricePlanId !== undefined && !known.has(a.pricePlanId));
}

type PricePlan = v.InferOutput<typeof PricePlanSchema>;
type Catalogue = v.InferOutput<typeof CatalogueSchema>;
