import * as v from 'valibot';
import { int } from '../../shared/http/response-schemas.js';
import { DIRECTIONS, FUELS } from '../../shared/domain/price-plan-catalogue.js';
import { NO_ADVICE_REASONS, SAVINGS_PERIOD_NAMES } from '../../shared/domain/savings.js';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

const PeriodComparisonSchema = v.strictObject({
  period: v.picklist(SAVINGS_PERIOD_NAMES),
  from: int(),
  to: int(),
  /** How many days of readings the period holds, rounded to whole days. */
  days: int(),
  /** The share of the half hours from the period's first reading to now that hold readings (0..1, 3 decimals). */
  coverage: v.number(),
  costs: v.array(v.strictObject({ pricePlanId: v.string(), cost: v.number(), difference: v.nullable(v.number()) })),
  /** Plans with energy in half hours that have no published price: not costed, never advised. */
  incomplete: v.array(v.string()),
});

/** A version's rates as the customer pays them, VAT included (a dynamic plan's unit rate is published: null). */
const ratesShown = { unitRate: v.nullable(v.number()), standingChargePerDay: v.number() };

const PlanSummarySchema = v.strictObject({
  pricePlanId: v.string(),
  supplier: v.string(),
  /** An export plan's rates are what it pays the household, without VAT. */
  direction: v.picklist(DIRECTIONS),
  dynamic: v.boolean(),
  ...ratesShown,
  timeZone: v.string(),
  /** Bands better for the household than the unit rate: cheaper to buy in (import), paying more (export). */
  cheapHours: v.array(v.strictObject({ from: v.string(), to: v.string(), unitRate: v.number() })),
  nextChange: v.nullable(v.strictObject({ validFrom: int(), ...ratesShown })),
});

/** What the web app's top line and comparison show: every plan over two periods, and one piece of advice or why none. */
export const SavingsReportSchema = v.strictObject({
  smartMeterId: v.string(),
  /** An export meter's costs are credits, answered as negative costs: the cheapest is the best-paying. */
  direction: v.picklist(DIRECTIONS),
  /** A gas meter's costs are of the kWh worked out from its volume (plans of its fuel only). */
  fuel: v.picklist(FUELS),
  pricePlanId: v.nullable(v.string()),
  /** ISO 4217: costs and rates are in its minor unit (pence for GBP), VAT included. */
  currency: v.string(),
  /** The VAT rate included in every cost and rate (a fraction: 0.05 is 5%). */
  vatRate: v.number(),
  minimumDays: int(),
  /** The last 30 days, then the last 12 months (or all data when the history is shorter); the advice uses the latter. */
  periods: v.array(PeriodComparisonSchema),
  /** The coverage of the period the advice rests on (the last one). */
  coverage: v.number(),
  /** Whether that coverage is under 0.9: the figures rest on part of the period, and say so. */
  provisional: v.boolean(),
  advice: v.nullable(
    v.strictObject({
      pricePlanId: v.string(),
      period: v.picklist(SAVINGS_PERIOD_NAMES),
      from: int(),
      to: int(),
      saving: v.number(),
      savingPerYear: v.number(),
    }),
  ),
  noAdvice: v.nullable(v.strictObject({ reason: v.picklist(NO_ADVICE_REASONS), message: v.string() })),
  /**
   * A solar household (a meter with an export meter) only: the cheapest import × export pair over the advice's
   * period when it beats the current pair by a penny, with the plans that change; null when the pair is best or the
   * data is too short. Absent for other meters.
   */
  pairAdvice: v.optional(
    v.nullable(
      v.strictObject({
        importPlanId: v.string(),
        exportPlanId: v.string(),
        changes: v.array(v.picklist(['import', 'export'])),
        saving: v.number(),
        savingPerYear: v.nullable(v.number()),
      }),
    ),
  ),
  plans: v.array(PlanSummarySchema),
});
export type SavingsReport = v.InferOutput<typeof SavingsReportSchema>;
export type PeriodComparison = v.InferOutput<typeof PeriodComparisonSchema>;
export type PlanSummary = v.InferOutput<typeof PlanSummarySchema>;

export const docs: RouteDocs = {
  summary: 'What the customer would save on the cheapest plan: every plan over the last 30 days and 12 months, and one piece of advice.',
  description:
    'Each period runs from its first to its last reading within the window (the last 12 months become `all-data` ' +
    'when the history is shorter); its costs equal compare-all over the same from/to, each with its `difference` ' +
    'to the current plan. `advice` names the cheapest plan over the longer period, with the saving and the saving ' +
    'scaled to a year, when it beats the current plan by a penny or more; otherwise `noAdvice` says why ' +
    '(`already-cheapest`, `too-little-data`: fewer than `minimumDays` days of readings, `no-current-plan`, ' +
    '`prices-missing`: the current plan lacks published prices for part of the period). Plans that could not price ' +
    'every kWh are listed in `incomplete`, never costed or advised. Each period states its `coverage`: the share ' +
    'of its half hours, from its first reading to now, that hold readings; `coverage` and `provisional` (under ' +
    '0.9) at the top are those of the period the advice rests on, so a silent meter or a gap is never priced as ' +
    'if whole without saying so. Money is in the minor unit of `currency`, VAT ' +
    'included. `plans` describes every plan: its rates now, its next scheduled change, and the local hours a ' +
    'time-of-use plan is cheaper.',
  responseSchema: SavingsReportSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
