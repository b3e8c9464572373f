import { MACHINE_SCOPES, RESOURCE_SERVER, type Caller, type MachineScope } from '../domain/authorization.js';
import type { ApiEvent } from './api-handler.js';

/** The Cognito group whose members are operators. */
export const OPERATORS_GROUP = 'operators';

/** What the meter-key authorizer hands the handler (API Gateway's `requestContext.authorizer.lambda`). */
export interface AuthorizerContext {
  caller: 'meter' | 'customer' | 'operator' | 'machine' | 'personal' | 'invalid';
  smartMeterId?: string;
  /** A personal API key's id (its owner is `sub`). */
  keyId?: string;
  /** A person's subject, or a machine client's id. */
  sub?: string;
  /** A machine's scopes, space-separated (an authorizer's context holds only strings, numbers and booleans). */
  scopes?: string;
  reason?: string;
}

interface AuthorizerField {
  lambda?: AuthorizerContext;
  jwt?: { claims?: Record<string, unknown> };
}

/**
 * The caller's Cognito groups, from the claim as API Gateway's JWT authorizer passes it: a JSON array (a local or
 * test caller), or its text form "[operators admins]". Cognito group names hold no whitespace, so the text form splits
 * on whitespace only; names are matched whole (a group "x,operators" is not "operators").
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((group): group is string => typeof group === 'string');
  if (typeof claim !== 'string') return [];
  const listed = /^\[(.*)\]$/.exec(claim);
  return (listed ? listed[1]! : claim).split(/\s+/).filter(Boolean);
}

const knownScopes = (names: readonly string[]) => names.filter((name): name is MachineScope => (MACHINE_SCOPES as readonly string[]).includes(name));

/** The API's machine scopes in a token's `scope` claim ("joi-energy/prices.publish openid …"); others are ignored. */
export function machineScopesOf(claim: unknown): MachineScope[] {
  if (typeof claim !== 'string') return [];
  const prefix = `${RESOURCE_SERVER}/`;
  return knownScopes(claim.split(/\s+/).filter((scope) => scope.startsWith(prefix)).map((scope) => scope.slice(prefix.length)));
}

/**
 * Who a verified access token names. A client-credentials token (a supplier's system) has no user: Cognito sets its
 * `sub` to the client id and gives it no `username`; it acts through its scopes alone. A person's token is an operator's
 * when the `operators` group is in it (Cognito's pre-token-generation trigger grants it only with MFA set up).
 */
export function callerOfClaims(claims: Record<string, unknown>): Caller {
  // Only access tokens carry the caller's groups and scopes and are meant for APIs; an ID token is refused.
  if (claims.token_use !== 'access') return { kind: 'invalid', reason: 'not an access token' };
  if (typeof claims.sub !== 'string' || claims.sub === '') return { kind: 'invalid', reason: 'the token names no subject' };
  if (claims.username === undefined && claims.client_id === claims.sub) return { kind: 'machine', clientId: claims.sub, scopes: machineScopesOf(claims.scope) };
  return groupsOf(claims['cognito:groups']).includes(OPERATORS_GROUP) ? { kind: 'operator', sub: claims.sub } : { kind: 'customer', sub: claims.sub };
}

/** Who is calling, read off what API Gateway's authorizers (or the local server standing in for them) established. */
export function callerOf(event: ApiEvent): Caller {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerField }).authorizer;
  const lambda = authorizer?.lambda;
  if (lambda) {
    if (lambda.caller === 'meter' && lambda.smartMeterId) return { kind: 'meter', smartMeterId: lambda.smartMeterId };
    if ((lambda.caller === 'customer' || lambda.caller === 'operator') && typeof lambda.sub === 'string' && lambda.sub !== '') return { kind: lambda.caller, sub: lambda.sub };
    if (lambda.caller === 'personal' && typeof lambda.sub === 'string' && lambda.sub !== '' && typeof lambda.keyId === 'string') {
      return { kind: 'personal', sub: lambda.sub, keyId: lambda.keyId };
    }
    if (lambda.caller === 'machine' && typeof lambda.sub === 'string' && lambda.sub !== '') {
      return { kind: 'machine', clientId: lambda.sub, scopes: knownScopes((lambda.scopes ?? '').split(' ')) };
    }
    return { kind: 'invalid', reason: lambda.reason ?? 'unrecognised credential' };
  }
  const claims = authorizer?.jwt?.claims;
  return claims ? callerOfClaims(claims) : { kind: 'anonymous' };
}

/** The signed-in person (or a personal key's owner) a route for "me" is about: its access rule admits no one else. */
export function subOf(caller: Caller): string {
  if (caller.kind === 'customer' || caller.kind === 'operator' || caller.kind === 'personal') return caller.sub;
  throw new Error(`a ${caller.kind} reached a route for signed-in people`);
}
