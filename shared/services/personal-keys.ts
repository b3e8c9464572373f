import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors.js';
import type { PersonalKeysStore, PersonalKeySummary } from '../ports/personal-keys-store.js';
import { hashMeterKey, PERSONAL_KEY_PREFIX } from './meter-keys.js';

/** A customer holds at most this many keys at once (one per tool, a spare while rotating). */
export const MAX_PERSONAL_KEYS = 5;

/** A new personal key (192 random bits), its id and the SHA-256 that is all we keep of the secret. */
export function newPersonalKey(): { keyId: string; key: string; hash: string } {
  const key = PERSONAL_KEY_PREFIX + randomBytes(24).toString('base64url');
  return { keyId: randomUUID(), key, hash: hashMeterKey(key) };
}

/** Makes a key for the customer (409 past the limit) and answers it: the secret shown this once, never stored. */
export async function createPersonalKey(store: Pick<PersonalKeysStore, 'create'>, customerId: string, now: number): Promise<{ keyId: string; apiKey: string; createdAt: number }> {
  const { keyId, key, hash } = newPersonalKey();
  await store.create(customerId, { keyId, createdAt: now, keyHash: hash }, MAX_PERSONAL_KEYS);
  return { keyId, apiKey: key, createdAt: now };
}

export async function listPersonalKeys(store: Pick<PersonalKeysStore, 'list'>, customerId: string): Promise<{ keys: PersonalKeySummary[] }> {
  return { keys: await store.list(customerId) };
}

/** Revokes one of the customer's keys; another customer's key id is as unknown as one never made (404). */
export async function revokePersonalKey(store: Pick<PersonalKeysStore, 'revoke'>, customerId: string, keyId: string): Promise<void> {
  if (!(await store.revoke(customerId, keyId))) throw new NotFoundError(`no personal API key '${keyId}'`);
}

const ACCOUNT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud over the phone

/**
 * A customer's account number, as the /v1/ read API names it: `A-` and ten characters of the SHA-256 of their subject.
 * Stable (the same subject, the same number, with nothing stored), and one customer's number says nothing of another's.
 * It is a name, not a credential: a caller reaches only their own account whatever number they send. 50 bits keep a
 * collision between two customers unlikely past millions (and harmless: each still reads only their own).
 */
export function accountNumberOf(customerId: string): string {
  const digest = createHash('sha256').update(`joi-energy-account:${customerId}`).digest();
  let number = 'A-';
  for (let i = 0; i < 10; i++) number += ACCOUNT_ALPHABET[digest[i]! % ACCOUNT_ALPHABET.length];
  return number;
}
