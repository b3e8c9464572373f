import type { StoreGrants } from '../../shared/http/route-entry.js';

/** The deploy-time seed as the stack runs it (a CloudFormation custom resource): its folder and its tables. */
export const SEED_TABLES_JOB = {
  name: 'seed-tables',
  /** Conditional puts of the catalogue's plans and settings, and of the demo accounts: nothing else. */
  stores: { pricePlans: 'write', accounts: 'create' } as const satisfies StoreGrants,
} as const;
