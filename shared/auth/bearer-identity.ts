import type { JWTPayload } from 'jose';
import type { MeterKeyLookup } from '../ports/accounts-store.js';
import { callerOfClaims, type AuthorizerContext } from '../http/caller.js';
import { hashMeterKey, METER_KEY_PREFIX, PERSONAL_KEY_PREFIX } from '../services/meter-keys.js';

export interface BearerIdentityDeps {
  keys: MeterKeyLookup;
  verifyAccessToken: (token: string) => Promise<JWTPayload>;
}

/**
 * A personal API key sent as HTTP Basic auth, the key as the username and an empty password (`curl -u "$KEY:"`), as
 * the tools that read Octopus-style APIs send it; undefined when the header is not Basic.
 */
function basicUsername(header: string): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

/**
 * Who an `Authorization` header names: a meter (by its key's SHA-256), a person or a machine client (an access
 * token), a customer's personal API key (Basic), or nobody valid.
 */
export async function identifyBearer(header: string | undefined, deps: BearerIdentityDeps): Promise<AuthorizerContext> {
  const trimmed = header?.trim() ?? '';
  const username = basicUsername(trimmed);
  if (username !== undefined) {
    if (!username.startsWith(PERSONAL_KEY_PREFIX)) return { caller: 'invalid', reason: 'Basic auth takes a personal API key (jp_…) as the username' };
    const owner = await deps.keys.personalKeyOf(hashMeterKey(username));
    return owner ? { caller: 'personal', sub: owner.customerId, keyId: owner.keyId } : { caller: 'invalid', reason: 'unknown or revoked personal API key' };
  }
  const match = /^Bearer\s+(\S+)$/i.exec(trimmed);
  if (!match) return { caller: 'invalid', reason: 'expected Authorization: Bearer <credential> (or Basic with a personal API key)' };
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
