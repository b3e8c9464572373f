import * as v from 'valibot';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

const span = { from: int(), to: int() };

/** One meter's statement: its lines, standing charges and totals (the answer's fields, without the household's sections). */
const MeterStatementFields = {
  smartMeterId: v.string(),
  /** ISO 4217: every amount is in its minor unit (pence for GBP). */
  currency: v.string(),
  vatRate: v.number(),
  ...span,
  /** All the energy of the period: the lines' kWh and the unpriced kWh (exact sums of their rounded kWh). */
  kWh: v.number(),
  /** The part of it with no price yet: in `unpriced`, in no cost. */
  unpricedKWh: v.number(),
  /** One per UTC half hour with energy (and per plan or price inside it), without VAT. */
  lines: v.array(
    v.strictObject({
      ...span,
      pricePlanId: v.string(),
      kWh: v.number(),
      unitRate: v.number(),
      cost: v.number(),
      /** A gas meter's line: its volume (m³, to 0.001), the calorific value of its day (MJ/m³) and the volume correction. */
      m3: v.optional(v.number()),
      mjPerM3: v.optional(v.number()),
      correction: v.optional(v.number()),
    }),
  ),
  /** One per UTC half hour whose energy has no price (no published price yet, or no plan in force then): no cost yet. */
  unpriced: v.array(v.strictObject({ ...span, pricePlanId: v.nullable(v.string()), kWh: v.number() })),
  /** Every day of the period, in parts per plan and price version, without VAT. */
  standingCharges: v.array(v.strictObject({ pricePlanId: v.string(), ...span, days: v.number(), ratePerDay: v.number(), cost: v.number() })),
  energyCost: v.number(),
  standingCharge: v.number(),
  net: v.number(),
  vat: v.number(),
  total: v.number(),
  /** False when a half hour of the period has no energy (no readings), or energy has no price. */
  complete: v.boolean(),
  /** The half hours without energy, merged into ranges. */
  missing: v.array(v.strictObject(span)),
  /** A gas meter only: the period's volume (m³), and its half hours on days with no published calorific value (in no kWh yet). */
  m3: v.optional(v.number()),
  unconverted: v.optional(v.array(v.strictObject({ ...span, m3: v.number() }))),
  /**
   * A solar household's import meter only: what its export meter sent and earned over the period, one line per UTC
   * half hour with export (`rate`: what the export plan paid per kWh; `credit` = kWh × rate rounded like a line's
   * cost), and `exportCredit`, their exact sum, which `net` is reduced by.
   */
  export: v.optional(
    v.strictObject({
      smartMeterId: v.string(),
      kWh: v.number(),
      unpricedKWh: v.number(),
      lines: v.array(v.strictObject({ start: int(), kWh: v.number(), rate: v.number(), credit: v.number() })),
      exportCredit: v.number(),
    }),
  ),
};

export const StatementSchema = v.strictObject({
  ...MeterStatementFields,
  /**
   * A dual-fuel household's electricity meter only: its gas meter's statement over the same period (the same fields,
   * in kWh after conversion, with volumes), and `dualFuel`, the two statements' sums: one total for both fuels.
   */
  gas: v.optional(v.strictObject((({ currency: _, ...rest }) => rest)(MeterStatementFields))),
  dualFuel: v.optional(v.strictObject({ net: v.number(), vat: v.number(), total: v.number(), complete: v.boolean() })),
});
export type Statement = v.InferOutput<typeof StatementSchema>;

export const docs: RouteDocs = {
  summary: 'An itemised statement of [from, to) that reconciles to the penny (JSON, or CSV with `format=csv`).',
  description:
    'Both ends required, at most 366 days; `from` must be before now, and `to` is clipped to now (the answer says the ' +
    'period it covers): days to come are not billed. One line per UTC half hour with energy (:00/:30; the first and ' +
    'last clipped to the period) under the plan and price in ' +
    'force then; standing charges for every day, in parts per plan and version. Decimal arithmetic: a line\'s kWh is ' +
    'rounded half-even to 0.001 and its cost (kWh × unitRate) to 0.01 of the minor unit; a standing-charge part is days ' +
    '(to the second) × ratePerDay rounded the same way; energyCost and standingCharge are the exact sums, net their sum, ' +
    'vat = net × vatRate rounded half-even to 0.01, total = net + vat rounded half-even to the whole minor unit. ' +
    'Amounts up to net are without VAT. Energy with no price (a dynamic plan\'s prices not yet published) is listed in ' +
    '`unpriced`, counted in `kWh` and `unpricedKWh`, and billed nowhere yet. `complete` is false when a half hour of the ' +
    'period has no energy (listed in `missing`: a gap in the readings, or before or after them) or energy has no price. ' +
    'A solar household\'s import meter also answers `export`: its export meter\'s half hours, each with the rate paid ' +
    'and the credit, and `exportCredit`. Then net = energyCost + standingCharge − exportCredit, vat is on the import ' +
    '(energyCost + standingCharge) only, and total = net + vat, which is negative when the household is owed money. An ' +
    'export meter\'s own statement has negative rates and costs (credits) and no VAT. A gas meter\'s lines also show ' +
    'their volume (`m3`), their day\'s calorific value (`mjPerM3`) and the volume correction (`correction`, 1.02264), ' +
    'as gas bills do; its half hours on days with no published calorific value are listed in `unconverted` (volume ' +
    'only: in no kWh or cost yet), and the statement is then not `complete`.',
  responseSchema: StatementSchema,
  otherMediaTypes: { 'text/csv': 'The lines, then the standing-charge parts and the totals (format=csv); sent as an attachment' },
  errorStatuses: [...METER_ROUTE_ERRORS, 409],
};
