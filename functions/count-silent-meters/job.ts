import type { StoreGrants } from '../../shared/http/route-entry.js';

/** The fleet-health job as the stack and the local server run it: its folder, its tables, how often. */
export const FLEET_HEALTH_JOB = {
  name: 'count-silent-meters',
  /** Scan the accounts, read each meter's newest readings item: nothing else. */
  stores: { accounts: 'list', readings: 'read' } as const satisfies StoreGrants,
  /** Hourly: a meter silent for a day shows within the hour, at about 0.5 read units per meter per run. */
  everyMinutes: 60,
} as const;
