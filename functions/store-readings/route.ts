import { spanOfStarts } from '../../shared/domain/audit.js';
import { METER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import * as v from 'valibot';
import { conflictingReadings, distinctHours, EARLIEST_READING_TIME, MAX_BATCH_HOURS, MAX_EPOCH_SECONDS, MAX_READING_KW, roundReading } from '../../shared/domain/readings.js';
import { SmartMeterIdSchema } from '../../shared/http/request-schemas.js';

/** One sample from a meter: the power (kW, any finite number in range, stored at 1 mW) at an instant (epoch seconds). */
export const ReadingSchema = v.object({
  time: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(EARLIEST_READING_TIME, `must be ${EARLIEST_READING_TIME} (2000-01-01T00:00:00Z) or later: is the meter's clock set?`),
    v.maxValue(MAX_EPOCH_SECONDS),
  ),
  reading: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_READING_KW), v.transform(roundReading)),
});

export const ReadingsBatchSchema = v.object({
  smartMeterId: SmartMeterIdSchema,
  electricityReadings: v.pipe(
    v.array(ReadingSchema),
    v.minLength(1),
    v.check(
      (readings) => distinctHours(readings) <= MAX_BATCH_HOURS,
      `must touch at most ${MAX_BATCH_HOURS} distinct hours (each is one storage write): split the batch into smaller ones`,
    ),
    v.check(
      (readings) => conflictingReadings(readings) === undefined,
      ({ input }) => {
        const [a, b] = conflictingReadings(input)!;
        return `hold time ${input[a]!.time} twice with different readings, at [${a}] and [${b}]: send one value per time`;
      },
    ),
  ),
});

export const route = {
  operationId: 'storeReadings',
  method: 'POST',
  path: '/readings/store',
  access: { ...METER_OR_OPERATOR, scopes: ['readings.import'] },
  stores: { readings: 'write', summaries: 'mark', accounts: 'read', audit: 'append' },
  // An operator's or a machine's batch (an import) is an action; a meter's own are its data, and are not recorded.
  audit: {
    details: ({ body }) => {
      const readings = (body as { electricityReadings: { time: number }[] }).electricityReadings;
      return { readings: readings.length, ...spanOfStarts(readings.map((r) => r.time)) };
    },
  },
  bodySchema: ReadingsBatchSchema,
  meterKind: { kind: 'power', use: 'store' },
} as const satisfies RouteEntry;
