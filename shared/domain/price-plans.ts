import type * as v from 'valibot';
import type { PricePlanSchema } from './price-plan-catalogue.js';

export const DAYS_OF_WEEK = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/** A price plan of the catalogue (its schema, which validates catalogues, is in price-plan-catalogue.ts). */
export type PricePlan = v.InferOutput<typeof PricePlanSchema>;
