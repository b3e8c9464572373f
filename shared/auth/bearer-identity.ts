import type { JWTPayload } from 'jose';
import type { MeterKeyLookup } from '../ports/accounts-store.js';
import { callerOfClaims, type AuthorizerContext } from '../http/caller.js';
import { hashMeterKey, METER_KEY_PREFIX } from '../services/meter-keys.js';

export interface BearerIdentityDeps {
  keys: MeterKeyLookup;
  verifyAccessToken: (token: string) => Promise<JWTPayload>;
}

/** Who an `Authorization: Bearer …` header names: a meter (by its key's SHA-256), a person or a machine client, or nobody valid. */
export async function identifyBearer(header: string | undefined, deps: BearerIdentityDeps): Promise<AuthorizerContext> {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (!match) return { caller: 'invalid', reason: 'expected Authorization: Bearer <credential>' };
  const credential = match[1]!;
  if (credential.startsWith(METER_KEY_PREFIX)) {
    const smartMeterId = await deps.keys.meterOfKey(hashMeterKey(credential));
    return smartMeterId ? { caller: 'meter', smartMeterId } : { caller: 'invalid', reason: 'unknown or revoked meter key' };
  }
  let claims: JWTPayload;
  try {
    claims = await deps.verifyAccessToken(credential);
  } catch {
    return { caller: 'invalid', reason: 'the access token is malformed, expired, or not signed by our issuer' };
  }
  const caller = callerOfClaims(claims);
  if (caller.kind === 'machine') return { caller: 'machine', sub: caller.clientId, scopes: caller.scopes.join(' ') };
  if (caller.kind === 'customer' || caller.kind === 'operator') return { caller: caller.kind, sub: caller.sub };
  return { caller: 'invalid', reason: caller.kind === 'invalid' ? caller.reason : 'unrecognised credential' };
}
