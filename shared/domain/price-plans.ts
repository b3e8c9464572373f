import * as z from 'zod/mini';
import { isTimeZone } from './time.js';

export const DAYS_OF_WEEK = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

const clockTime = z.string().check(z.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day HH:MM (00:00–23:59)'));
const rate = z.number().check(z.nonnegative());

const TimeOfUseBandSchema = z
  .object({ from: clockTime, to: clockTime, unitRate: rate })
  .check(z.refine((band) => band.from !== band.to, { message: 'from and to must differ', path: ['to'] }));

export const PricePlanSchema = z.object({
  pricePlanId: z.string().check(z.minLength(1), z.maxLength(128)),
  supplier: z.string().check(z.minLength(1)),
  /** Price per kWh outside every time-of-use band. */
  unitRate: rate,
  /** Fixed price per day, prorated over the period costed. */
  standingChargePerDay: z.optional(rate),
  timeZone: z.optional(z.string().check(z.refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/London'))),
  /** Bands of the plan's local clock with their own rate; from inclusive, to exclusive; a band may wrap midnight. */
  timeOfUse: z.optional(z.array(TimeOfUseBandSchema)),
  /** Multipliers of the rate on given local days of the week. */
  peakTimeMultipliers: z.optional(z.array(z.object({ dayOfWeek: z.enum(DAYS_OF_WEEK), multiplier: rate }))),
});

export type PricePlan = z.infer<typeof PricePlanSchema>;

