import * as v from 'valibot';
import { conflictingPair, MAX_EPOCH_SECONDS, roundReading } from '../domain/readings.js';
import { HALF_HOUR_SECONDS } from '../domain/time.js';
import { INTERVAL_UNITS, type IntervalUnit } from '../domain/meter-kinds.js';

/** Most energy one half hour may hold, in kWh: 200 kW for half an hour, beyond any home. */
export const MAX_INTERVAL_KWH = 100;

/** Most gas one half hour may hold, in m³ or in hundreds of cubic feet: far beyond any home's boiler. */
export const MAX_INTERVAL_VOLUME = 20;

const halfHourStart = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(0),
  v.maxValue(MAX_EPOCH_SECONDS),
  v.check((start: number) => start % HALF_HOUR_SECONDS === 0, 'must start a half hour: on the UTC :00 or :30 (a multiple of 1800)'),
);
const quantity = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max), v.transform(roundReading));

/** One half hour's energy: its start on the UTC :00/:30 grid (epoch seconds) and its kWh, stored at 6 decimals. */
export const IntervalSchema = v.object({ start: halfHourStart, kWh: quantity(MAX_INTERVAL_KWH) });


/** One half hour of a meter: its start and exactly one of kWh (≤ 100), m3 or ft3x100 (≤ 20), at 6 decimals. */
export const MeterIntervalSchema = v.pipe(
  v.object({ start: halfHourStart, kWh: v.optional(quantity(MAX_INTERVAL_KWH)), m3: v.optional(quantity(MAX_INTERVAL_VOLUME)), ft3x100: v.optional(quantity(MAX_INTERVAL_VOLUME)) }),
  v.check((i) => INTERVAL_UNITS.filter((unit) => i[unit] !== undefined).length === 1, 'must hold exactly one of kWh (electricity), m3 or ft3x100 (gas)'),
);

/** The unit a meter's half hour was sent in. */
export const unitOf = (interval: { kWh?: number; m3?: number; ft3x100?: number }): IntervalUnit => INTERVAL_UNITS.find((unit) => interval[unit] !== undefined)!;

/** The value of a meter's half hour, in whichever unit it was sent. */
export const valueOf = (interval: { kWh?: number; m3?: number; ft3x100?: number }): number => interval[unitOf(interval)]!;

/**
 * A list of 1 to `max` half hours of `item`, all in one unit, each half hour once (or repeated with the same value);
 * `hint` says what to do when there are more.
 */
const halfHourList = <T extends { start: number }>(item: v.GenericSchema<unknown, T>, max: number, hint: string, unit: (interval: T) => string, value: (interval: T) => number) =>
  v.pipe(
    v.array(item),
    v.minLength(1),
    v.maxLength(max, `must hold at most ${max} half hours (${hint})`),
    v.check((intervals) => new Set(intervals.map(unit)).size <= 1, 'must all be in one unit: kWh, m3 or ft3x100'),
    v.check(
      (intervals) => conflictingPair(intervals, (i) => i.start, value) === undefined,
      ({ input }) => {
        const [a, b] = conflictingPair(input, (i) => i.start, value)!;
        return `hold the half hour starting ${input[a]!.start} twice with different ${unit(input[a]!)}, at [${a}] and [${b}]: send one value per half hour`;
      },
    ),
  );

/** A meter's list: in kWh (electricity), or in the gas meter's volume unit. */
export const meterIntervalsListSchema = (max: number, hint: string) => halfHourList(MeterIntervalSchema, max, hint, unitOf, valueOf);

/** A list of energy (kWh) half hours: a household's own download. */
export const intervalsListSchema = (max: number, hint: string) => halfHourList(IntervalSchema, max, hint, () => 'kWh', (i) => i.kWh);
