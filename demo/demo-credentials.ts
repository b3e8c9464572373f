import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../shared/domain/accounts.js';
import type { AccountsStore } from '../shared/ports/accounts-store.js';
import { rotateMeterKey } from '../shared/services/meter-keys.js';
import { LOCAL_MACHINE_CLIENT_ID, type LocalAuth } from '../local/local-auth.js';

/** The `sub` of the local demo operator (MFA set up, as the stack requires of operators). */
export const DEMO_OPERATOR_SUB = 'demo-operator';

/** The shape of `<DATA_DIR>/credentials.json` (fixed: tests and docs rely on it). */
export interface DemoCredentials {
  operator: string;
  meters: Record<string, string>;
  customers: Record<string, string>;
}

/**
 * The shape of `<DATA_DIR>/machine-client.json`: the local machine client, to exchange at `<issuer>/token`
 * (client-credentials grant) for a scoped token. A file of its own: credentials.json keeps its fixed shape.
 */
export interface MachineClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Writes a file only this user can read (also when it already existed with wider rights). */
function writePrivate(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * With AUTH=on, every start issues the demo meters new keys (the old ones stop working) and fresh tokens for the
 * operator and each demo customer, and writes them where only this user can read them, the machine client's secret
 * beside them. Returns credentials.json's path.
 */
export async function writeDemoCredentials(auth: LocalAuth, accounts: AccountsStore, dataDir: string): Promise<string> {
  const credentials: DemoCredentials = { operator: await auth.issueAccessToken(DEMO_OPERATOR_SUB, { operator: true }), meters: {}, customers: {} };
  for (const account of DEMO_ACCOUNTS) {
    credentials.meters[account.smartMeterId] = (await rotateMeterKey(accounts, account.smartMeterId)).meterKey;
    credentials.customers[account.smartMeterId] = await auth.issueAccessToken(account.customerId!);
  }
  const file = join(dataDir, 'credentials.json');
  writePrivate(file, credentials);
  const machineClient: MachineClientCredentials = { clientId: LOCAL_MACHINE_CLIENT_ID, clientSecret: auth.machineClientSecret };
  writePrivate(join(dataDir, 'machine-client.json'), machineClient);
  return file;
}
