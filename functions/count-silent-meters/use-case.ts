import { DEFAULT_SILENT_FOR_SECONDS } from '../../shared/domain/meter-health.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import type { IntervalsReader } from '../../shared/ports/intervals-store.js';
import type { ReadingsReader } from '../../shared/ports/readings-store.js';
import { lastReadings } from '../../shared/services/meter-health.js';

/** Accounts per Scan page, and last-reading reads in flight: 1,000,000 meters in a few minutes of one invocation. */
const ACCOUNTS_PER_PAGE = 1000;
const READS_IN_FLIGHT = 64;

export interface FleetHealth {
  meters: number;
  ok: number;
  silent: number;
  never: number;
  /** Silent meters as a percentage of the fleet (0 for an empty fleet). */
  silentShare: number;
}

export interface FleetHealthDeps {
  accounts: Pick<AccountsStore, 'page'>;
  readings: Pick<ReadingsReader, 'lastReadingAt'>;
  intervals?: Pick<IntervalsReader, 'lastEnd'>;
  now: () => number;
}

/** Every meter's status at one instant, counted: what the silent-meter metric and its alarm watch. */
export async function countSilentMeters(deps: FleetHealthDeps, silentForSeconds = DEFAULT_SILENT_FOR_SECONDS): Promise<FleetHealth> {
  const now = deps.now();
  const counts = { meters: 0, ok: 0, silent: 0, never: 0 };
  let cursor: string | undefined;
  do {
    const { accounts, next } = await deps.accounts.page(ACCOUNTS_PER_PAGE, cursor);
    for (const { status } of await lastReadings(deps, accounts, now, silentForSeconds, READS_IN_FLIGHT)) {
      counts.meters++;
      counts[status]++;
    }
    cursor = next;
  } while (cursor !== undefined);
  return { ...counts, silentShare: counts.meters === 0 ? 0 : (100 * counts.silent) / counts.meters };
}
