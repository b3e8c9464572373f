import * as z from 'zod/mini';
import { NO_ADVICE_REASONS, SAVINGS_PERIOD_NAMES } from '../../shared/domain/savings.js';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

const PeriodComparisonSchema = z.object({
  period: z.enum(SAVINGS_PERIOD_NAMES),
  from: z.int(),
  to: z.int(),
  /** How many days of readings the period holds, rounded to whole days. */
  days: z.int(),
  costs: z.array(z.object({ pricePlanId: z.string(), cost: z.number(), difference: z.nullable(z.number()) })),
});

const PlanSummarySchema = z.object({
  pricePlanId: z.string(),
  supplier: z.string(),
  unitRate: z.number(),
  standingChargePerDay: z.number(),
  timeZone: z.string(),
  cheapHours: z.array(z.object({ from: z.string(), to: z.string(), unitRate: z.number() })),
});

/** What the web app's top line and comparison show: every plan over two periods, and one piece of advice or why none. */
export const SavingsReportSchema = z.object({
  smartMeterId: z.string(),
  pricePlanId: z.nullable(z.string()),
  minimumDays: z.int(),
  /** The last 30 days, then the last 12 months (or all data when the history is shorter); the advice uses the latter. */
  periods: z.array(PeriodComparisonSchema),
  advice: z.nullable(
    z.object({
      pricePlanId: z.string(),
      period: z.enum(SAVINGS_PERIOD_NAMES),
      from: z.int(),
      to: z.int(),
      saving: z.number(),
      savingPerYear: z.number(),
    }),
  ),
  noAdvice: z.nullable(z.object({ reason: z.enum(NO_ADVICE_REASONS), message: z.string() })),
  plans: z.array(PlanSummarySchema),
});
export type SavingsReport = z.infer<typeof SavingsReportSchema>;
export type PeriodComparison = z.infer<typeof PeriodComparisonSchema>;
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const docs: RouteDocs = {
  summary: 'What the customer would save on the cheapest plan: every plan over the last 30 days and 12 months, and one piece of advice.',
  description:
    'Each period runs from its first to its last reading within the window (the last 12 months become `all-data` ' +
    'when the history is shorter); its costs equal compare-all over the same from/to, each with its `difference` ' +
    'to the current plan. `advice` names the cheapest plan over the longer period, with the saving and the saving ' +
    'scaled to a year, when it beats the current plan by a penny or more; otherwise `noAdvice` says why ' +
    '(`already-cheapest`, `too-little-data`: fewer than `minimumDays` days of readings, `no-current-plan`). ' +
    '`plans` describes every plan, with the local hours a time-of-use plan is cheaper.',
  responseSchema: SavingsReportSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
