import * as v from 'valibot';
import { MAX_WINDOW_SECONDS, WINDOW_MODES, WINDOW_RANKS } from '../domain/cheapest-window.js';
import { HALF_HOUR_SECONDS } from '../domain/time.js';
import { decimalText, fromBeforeTo, integerText, rangeFields } from './request-schemas.js';

// A module of its own: a schema is built when its module loads, so only the two window routes carry this one.
/** The question "when is it cheapest (or greenest) to run this?", asked of a plan or of a meter's plan. */
export const WindowQuerySchema = v.pipe(
  v.object({
    ...rangeFields,
    /** Seconds of use: whole half hours, at most a week. */
    duration: v.optional(
      v.pipe(
        integerText(`must be seconds, a multiple of ${HALF_HOUR_SECONDS}`, HALF_HOUR_SECONDS, MAX_WINDOW_SECONDS),
        v.check((d) => d % HALF_HOUR_SECONDS === 0, `must be a multiple of ${HALF_HOUR_SECONDS} (whole half hours)`),
      ),
      '3600',
    ),
    mode: v.optional(v.picklist(WINDOW_MODES), 'continuous'),
    rank: v.optional(v.picklist(WINDOW_RANKS), 'cost'),
    maxRate: v.optional(decimalText('must be a number (pence per kWh, VAT included; may be negative)', -1_000_000, 1_000_000)),
    kWh: v.optional(decimalText('must be a positive number of kWh', 0.001, 10_000), '1'),
  }),
  fromBeforeTo(),
);
