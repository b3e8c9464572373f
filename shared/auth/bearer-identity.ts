import type { JWTPayload } from 'jose';
import type { MeterKeyLookup } from '../ports/accounts-store.js';
import { groupsOf, OPERATORS_GROUP, type AuthorizerContext } from '../http/caller.js';
import { hashMeterKey, METER_KEY_PREFIX } from '../services/meter-keys.js';

export interface BearerIdentityDeps {
  keys: MeterKeyLookup;
  verifyAccessToken: (token: string) => Promise<JWTPayload>;
}

/** Who an `Authorization: Bearer …` header names: a meter (by its key's SHA-256), a customer or operator, or nobody valid. */
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
  if (claims.token_use !== 'access') return { caller: 'invalid', reason: 'not an access token' };
  if (typeof claims.sub !== 'string' || claims.sub === '') return { caller: 'invalid', reason: 'the token names no subject' };
  return { caller: groupsOf(claims['cognito:groups']).includes(OPERATORS_GROUP) ? 'operator' : 'customer', sub: claims.sub };
}
