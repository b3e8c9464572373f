import * as v from 'valibot';
import { GAS_UNITS, METER_KINDS } from '../domain/accounts.js';
import { DIRECTIONS, FUELS } from '../domain/price-plan-catalogue.js';

/**
 * Answers that more than one route gives; each route's own answer schema is in its docs.ts. Strict: a field no schema
 * names fails the tests and is documented as not allowed (`additionalProperties: false`). They document the API,
 * type the use cases' results and the web app (type-only imports), and the HTTP tests check every answer against
 * them; no function bundle holds them.
 */

/** An integer in an answer (epoch seconds, counts). */
export const int = () => v.pipe(v.number(), v.integer());

/** A reading as the API answers it (stored at 1 mW). */
export const ReadingAnswerSchema = v.strictObject({ time: int(), reading: v.number() });
export const ReadingsArraySchema = v.array(ReadingAnswerSchema);

/** The seed contract's cost entries: one-key objects, plan id → cost, cheapest first. */
export const PlanCostEntriesSchema = v.array(v.record(v.string(), v.number()));

export const AccountSchema = v.strictObject({
  smartMeterId: v.string(),
  /** What the meter sends: power samples (kW) or half-hourly interval energy (kWh). */
  kind: v.picklist(METER_KINDS),
  /** Bought from the grid (import) or sold to it (export: its costs are credits, answered as negative costs). */
  direction: v.picklist(DIRECTIONS),
  /** Electricity, or gas (volumes, answered as kWh worked out with the published calorific value). */
  fuel: v.picklist(FUELS),
  /** A gas meter's volume unit: m³ (metric) or hundreds of cubic feet (imperial). */
  units: v.optional(v.picklist(GAS_UNITS)),
  /** An import meter's export meter (a solar household), when it has one. */
  exportMeterId: v.optional(v.string()),
  /** An export meter's import meter. */
  importMeterId: v.optional(v.string()),
  /** An electricity meter's gas meter (dual fuel), when it has one. */
  gasMeterId: v.optional(v.string()),
  /** A gas meter's electricity meter (dual fuel). */
  electricityMeterId: v.optional(v.string()),
  pricePlanId: v.nullable(v.string()),
  planHistory: v.array(v.strictObject({ pricePlanId: v.string(), from: int() })),
});
export type AccountAnswer = v.InferOutput<typeof AccountSchema>;

export const MeterKeySchema = v.strictObject({ smartMeterId: v.string(), meterKey: v.string() });
export type MeterKey = v.InferOutput<typeof MeterKeySchema>;

export const ErrorSchema = v.strictObject({ message: v.string() });
/** An error of the Octopus-compatible read API (/v1/), as Octopus answers one. */
export const OctopusErrorSchema = v.strictObject({ detail: v.string() });

/** A plan's document as stored (prices without VAT, in the catalogue currency's minor unit). */
export { PricePlanSchema } from '../domain/price-plan-catalogue.js';

/** When to use energy: the chosen half hours and what they cost (see shared/services/cheapest-window.ts). */
export const WindowAnswerSchema = v.strictObject({
  status: v.picklist(['ok', 'not_enough_slots', 'rates_incomplete', 'intensity_incomplete']),
  pricePlanId: v.string(),
  /** ISO 4217: rates and cost are in its minor unit, VAT included. */
  currency: v.string(),
  from: int(),
  to: int(),
  slots: v.array(v.strictObject({ from: int(), to: int(), unitRate: v.number(), gCO2PerKWh: v.optional(v.number()) })),
  /** Mean unit rate of the slots (VAT included); null without slots. */
  averageRate: v.nullable(v.number()),
  /** `kWh` spread evenly over the slots, at their rates; null without slots. */
  cost: v.nullable(v.number()),
  /** The first half hour of the window without a published price (or intensity, when ranking by it). */
  missing: v.optional(v.strictObject({ from: int(), to: int() })),
});
export type WindowAnswer = v.InferOutput<typeof WindowAnswerSchema>;
