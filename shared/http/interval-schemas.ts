import * as v from 'valibot';
import { conflictingPair, MAX_EPOCH_SECONDS, roundReading } from '../domain/readings.js';
import { HALF_HOUR_SECONDS } from '../domain/time.js';

/** Most energy one half hour may hold, in kWh: 200 kW for half an hour, beyond any home. */
export const MAX_INTERVAL_KWH = 100;

/** One half hour's energy: its start on the UTC :00/:30 grid (epoch seconds) and its kWh, stored at 6 decimals. */
export const IntervalSchema = v.object({
  start: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.maxValue(MAX_EPOCH_SECONDS),
    v.check((start) => start % HALF_HOUR_SECONDS === 0, 'must start a half hour: on the UTC :00 or :30 (a multiple of 1800)'),
  ),
  kWh: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_INTERVAL_KWH), v.transform(roundReading)),
});

/** Two intervals of a list that name one half hour with different values (see conflictingPair). */
const conflictingIntervals = (intervals: readonly { start: number; kWh: number }[]) => conflictingPair(intervals, (i) => i.start, (i) => i.kWh);

/** A list of 1 to `max` half hours, each half hour once (or repeated with the same value); `hint` says what to do over. */
export const intervalsListSchema = (max: number, hint: string) => v.pipe(
  v.array(IntervalSchema),
  v.minLength(1),
  v.maxLength(max, `must hold at most ${max} half hours (${hint})`),
  v.check(
    (intervals) => conflictingIntervals(intervals) === undefined,
    ({ input }) => {
      const [a, b] = conflictingIntervals(input)!;
      return `hold the half hour starting ${input[a]!.start} twice with different kWh, at [${a}] and [${b}]: send one value per half hour`;
    },
  ),
);

