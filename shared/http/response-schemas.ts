import * as z from 'zod/mini';
import { GRANULARITIES } from '../domain/calendar.js';
import { ReadingSchema } from '../domain/readings.js';
import { NO_ADVICE_REASONS, SAVINGS_PERIOD_NAMES } from '../domain/savings.js';

/** Schemas of the API's answers: they only document it (the OpenAPI document), so no function bundle holds them. */
export const ReadingsDeletionSchema = z.object({
  smartMeterId: z.string(),
  from: z.int(),
  to: z.int(),
  deleted: z.int(),
  complete: z.boolean(),
});

export const ReadingsArraySchema = z.array(ReadingSchema);
export const PlanCostEntriesSchema = z.array(z.record(z.string(), z.number()));
export const PlanComparisonSchema = z.object({
  pricePlanId: z.nullable(z.string()),
  pricePlanComparisons: PlanCostEntriesSchema,
});
export const UsageReportSchema = z.object({
  smartMeterId: z.string(),
  unit: z.literal('kWh'),
  groupBy: z.enum(GRANULARITIES),
  timeZone: z.string(),
  periods: z.array(z.object({ from: z.int(), to: z.int(), kWh: z.number() })),
});
const PlanPartCostSchema = z.object({ pricePlanId: z.string(), from: z.int(), to: z.int(), kWh: z.number(), cost: z.number() });
export const UsageCostSchema = z.object({
  smartMeterId: z.string(),
  pricePlanId: z.string(),
  from: z.int(),
  to: z.int(),
  kWh: z.number(),
  cost: z.number(),
  byPlan: z.array(PlanPartCostSchema),
});

export const OnboardedMeterSchema = z.object({ smartMeterId: z.string(), pricePlanId: z.string(), meterKey: z.string() });
export const MeterKeySchema = z.object({ smartMeterId: z.string(), meterKey: z.string() });
export const AccountSchema = z.object({
  smartMeterId: z.string(),
  pricePlanId: z.nullable(z.string()),
  planHistory: z.array(z.object({ pricePlanId: z.string(), from: z.int() })),
});

export const AccountListSchema = z.object({ accounts: z.array(AccountSchema) });

const PeriodComparisonSchema = z.object({
  period: z.enum(SAVINGS_PERIOD_NAMES),
  from: z.int(),
  to: z.int(),
  days: z.int(),
  costs: z.array(z.object({ pricePlanId: z.string(), cost: z.number(), difference: z.nullable(z.number()) })),
});
export const SavingsReportSchema = z.object({
  smartMeterId: z.string(),
  pricePlanId: z.nullable(z.string()),
  minimumDays: z.int(),
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
  plans: z.array(
    z.object({
      pricePlanId: z.string(),
      supplier: z.string(),
      unitRate: z.number(),
      standingChargePerDay: z.number(),
      timeZone: z.string(),
      cheapHours: z.array(z.object({ from: z.string(), to: z.string(), unitRate: z.number() })),
    }),
  ),
});

export const ErrorSchema = z.object({ message: z.string() });
