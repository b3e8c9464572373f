import { createHash, randomBytes } from 'node:crypto';
import type { AccountsStore } from '../ports/accounts-store.js';

/** Readable prefix of every meter key: says what the secret is when it turns up in a config file or a support ticket. */
export const METER_KEY_PREFIX = 'jm_';
/** Readable prefix of every personal API key (personal-keys.ts): a customer's read-only key for the /v1/ read API. */
export const PERSONAL_KEY_PREFIX = 'jp_';

/** A new meter key (192 random bits) and the SHA-256 that is all we keep of it. */
export function newMeterKey(): { key: string; hash: string } {
  const key = METER_KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, hash: hashMeterKey(key) };
}

export function hashMeterKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Gives a meter a new key (the old one stops working) and returns it: shown this once, never stored. */
export async function rotateMeterKey(accounts: Pick<AccountsStore, 'replaceKey'>, smartMeterId: string): Promise<{ smartMeterId: string; meterKey: string }> {
  const { key, hash } = newMeterKey();
  await accounts.replaceKey(smartMeterId, hash);
  return { smartMeterId, meterKey: key };
}
