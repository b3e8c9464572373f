import type * as z from 'zod/mini';
import {
  AccountListSchema,
  AccountSchema,
  SavingsReportSchema,
  MeterKeySchema,
  OnboardedMeterSchema,
  PlanComparisonSchema,
  PlanCostEntriesSchema,
  ReadingsArraySchema,
  ReadingsDeletionSchema,
  UsageCostSchema,
  UsageReportSchema,
} from './response-schemas.js';
import { ReadingsBatchSchema } from '../domain/readings.js';
import type { OperationId } from './routes.js';

/** What the OpenAPI document says of a route beyond its request schemas (which live in the route table). */
export interface RouteDocs {
  /** One line for lists of operations. */
  summary: string;
  /** The details, where one line is not enough. */
  description?: string;
  /** An example request body (the seed document's, for the store). */
  bodyExample?: unknown;
  responseSchema: z.ZodMiniType;
  /** Response headers worth documenting (name → description). */
  responseHeaders?: Record<string, string>;
  errorStatuses: number[];
  /** Parameter examples that differ from PARAMETER_DOCS for this route (e.g. none, where they would conflict). */
  parameterExamples?: Record<string, string | undefined>;
}

/** Descriptions and examples of every parameter, by name, for the OpenAPI document. */
export const PARAMETER_DOCS: Record<string, { description: string; example: string }> = {
  smartMeterId: { description: 'The smart meter', example: 'smart-meter-0' },
  from: { description: 'Start of the range, epoch seconds, inclusive', example: '1606608000' },
  to: { description: 'End of the range, epoch seconds, exclusive', example: '1606694400' },
  limit: { description: 'How many items at most', example: '2' },
  groupBy: { description: 'Calendar period to group energy by (default day)', example: 'day' },
  tz: { description: 'IANA time zone the calendar periods follow (default Europe/London)', example: 'Europe/London' },
  period: { description: 'A relative period: the previous calendar week, or the 7 days before today', example: 'last-week' },
  at: { description: 'Evaluate the relative period at this instant (epoch seconds) instead of now', example: '1606780800' },
};

/** Every route checks its caller (401, 403) and reads DynamoDB (503 when still throttled after the retries). */
const RANGE_ERRORS = [400, 401, 403, 404, 503];


export const ROUTE_DOCS = {
  storeReadings: {
    summary: 'Store a batch of power readings from a smart meter; answers once all are written, echoing the batch.',
    description:
      'A reading is `{time, reading}`: epoch seconds (an integer, at most 24 h ahead of the server clock) and the power ' +
      'in kW (0 to 1,000, at most 6 decimal places). A batch may touch at most 1,000 distinct hours: split larger ' +
      'backlogs. Everything is checked before anything is written. Storing the same meter and time again replaces ' +
      'the value, so a retried batch never duplicates. If a write fails part-way (503/500), some readings of the ' +
      'batch may already be stored: nothing was acknowledged, and retrying the same batch completes it.',
    bodyExample: {
      smartMeterId: 'smart-meter-0',
      electricityReadings: [
        { time: 1606636800, reading: 0.0503 },
        { time: 1606636860, reading: 0.0621 },
      ],
    },
    responseSchema: ReadingsBatchSchema,
    errorStatuses: [400, 401, 403, 404, 413, 503],
  },
  readReadings: {
    summary: "A meter's readings, ascending by time, a page at a time.",
    description:
      'Readings in [from, to), at most `limit` (default and maximum 50,000) per page; when more remain, the Link ' +
      'header holds the URL of the next page.',
    responseSchema: ReadingsArraySchema,
    responseHeaders: { Link: 'Present when more readings remain: `</readings/read/{smartMeterId}?from=…>; rel="next"`' },
    errorStatuses: RANGE_ERRORS,
  },
  compareAllPricePlans: {
    summary: "The meter's plan and its usage costed under every plan, cheapest first.",
    description: 'Costs the usage in [from, to) when given, else all of it (first to last reading).',
    responseSchema: PlanComparisonSchema,
    errorStatuses: RANGE_ERRORS,
  },
  recommendPricePlans: {
    summary: 'The cheapest plans for the meter\'s usage, at most `limit` of them.',
    responseSchema: PlanCostEntriesSchema,
    errorStatuses: RANGE_ERRORS,
  },
  priceSavings: {
    summary: 'What the customer would save on the cheapest plan: every plan over the last 30 days and 12 months, and one piece of advice.',
    description:
      'Each period runs from its first to its last reading within the window (the last 12 months become `all-data` ' +
      'when the history is shorter); its costs equal compare-all over the same from/to, each with its `difference` ' +
      'to the current plan. `advice` names the cheapest plan over the longer period, with the saving and the saving ' +
      'scaled to a year, when it beats the current plan by a penny or more; otherwise `noAdvice` says why ' +
      '(`already-cheapest`, `too-little-data`: fewer than `minimumDays` days of readings, `no-current-plan`). ' +
      '`plans` describes every plan, with the local hours a time-of-use plan is cheaper.',
    responseSchema: SavingsReportSchema,
    errorStatuses: RANGE_ERRORS,
  },
  usageByPeriod: {
    summary: 'Energy (kWh) per calendar period.',
    description:
      'Periods (hour, day, week from Monday, month) follow the calendar of `tz`; energy is split exactly at period ' +
      'boundaries; without from/to the range runs from the first to the last reading. Periods with no data hold 0.',
    responseSchema: UsageReportSchema,
    errorStatuses: RANGE_ERRORS,
  },
  usageCost: {
    summary: "Energy and its cost under the meter's current plan over a period.",
    description:
      '`period=last-week` is the previous Monday-to-Monday week, `last-7-days` the seven days before today, both ' +
      'evaluated at `at` (default now) in `tz`; or give an explicit from/to.',
    responseSchema: UsageCostSchema,
    errorStatuses: [400, 401, 403, 404, 409, 503],
    parameterExamples: { from: undefined, to: undefined },
  },
  deleteReadings: {
    summary: "Delete a meter's readings in [from, to) (operators: repairing bad data).",
    description:
      'Both from and to are required. One call removes at most 5,000 hours of readings; when `complete` is false, ' +
      'readings of the range remain: repeat the same call (deleting is idempotent).',
    responseSchema: ReadingsDeletionSchema,
    errorStatuses: RANGE_ERRORS,
  },
  listAccounts: {
    summary: "The caller's accounts: a customer's own meters; for an operator, a first page (up to 100) of all.",
    responseSchema: AccountListSchema,
    errorStatuses: [401, 403, 503],
  },
  getAccount: {
    summary: "The meter's account: its plan now and its plan history (ascending; the first entry starts at 0).",
    responseSchema: AccountSchema,
    errorStatuses: RANGE_ERRORS,
  },
  switchPricePlan: {
    summary: "Switch the meter's plan, from now (or, operators only, from `from`); answers the account.",
    description:
      'Unknown plan: 400. `from` must be later than the last switch (409 otherwise); a customer sending `from` gets ' +
      '403. Asking again for the plan already in force changes nothing, so a retried switch is harmless.',
    bodyExample: { pricePlanId: 'price-plan-2' },
    responseSchema: AccountSchema,
    errorStatuses: [400, 401, 403, 404, 409, 503],
  },
  onboardMeter: {
    summary: "Onboard a meter (operators): its account on a plan, optionally a customer's, and its key, shown once.",
    description: 'The meter key is returned only here: store it in the meter. 400 for an unknown plan or a bad id; 409 if the meter exists.',
    bodyExample: { smartMeterId: 'smart-meter-100', pricePlanId: 'price-plan-1' },
    responseSchema: OnboardedMeterSchema,
    errorStatuses: [400, 401, 403, 409, 503],
  },
  rotateMeterKey: {
    summary: 'Issue a new key for a meter (operators); the old key stops working.',
    description: 'Locally the old key fails at once; in AWS once the authorizer cache expires (at most 300 s).',
    responseSchema: MeterKeySchema,
    errorStatuses: RANGE_ERRORS,
  },
} satisfies Record<OperationId, RouteDocs>;
