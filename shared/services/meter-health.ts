import { forEachLimited } from '../concurrency.js';
import type { Account } from '../domain/accounts.js';
import { meterStatus, type MeterStatus } from '../domain/meter-health.js';
import type { IntervalsReader } from '../ports/intervals-store.js';
import type { ReadingsReader } from '../ports/readings-store.js';

/** Last-reading reads in flight by default: one small Query each (a page of 100 meters in about 7 round trips). */
const READS_IN_FLIGHT = 16;

export interface MeterLastReading {
  account: Account;
  lastReadingAt: number | undefined;
  status: MeterStatus;
}

/**
 * Each meter's last reading and status at `now`: read off its newest hour item (one Query, `Limit 1`, about half a
 * read unit), so nothing is written to keep it and a new reading shows as soon as it is stored.
 */
export async function lastReadings(
  data: { readings: Pick<ReadingsReader, 'lastReadingAt'>; intervals?: Pick<IntervalsReader, 'lastEnd'> },
  accounts: readonly Account[],
  now: number,
  silentForSeconds: number,
  inFlight = READS_IN_FLIGHT,
): Promise<MeterLastReading[]> {
  const rows: MeterLastReading[] = accounts.map((account) => ({ account, lastReadingAt: undefined, status: 'never' }));
  await forEachLimited(rows, inFlight, async (row) => {
    const { smartMeterId, kind } = row.account;
    // An interval meter's data reaches the end of its last half hour.
    row.lastReadingAt = kind === 'interval' && data.intervals ? await data.intervals.lastEnd(smartMeterId) : await data.readings.lastReadingAt(smartMeterId);
    row.status = meterStatus(row.lastReadingAt, now, silentForSeconds);
  });
  return rows;
}
