import type { Caller } from '../domain/authorization.js';
import type { ApiEvent } from './api-handler.js';

/** The Cognito group whose members are operators. */
export const OPERATORS_GROUP = 'operators';

/** What the meter-key authorizer hands the handler (API Gateway's `requestContext.authorizer.lambda`). */
export interface AuthorizerContext {
  caller: 'meter' | 'customer' | 'operator' | 'invalid';
  smartMeterId?: string;
  sub?: string;
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

/** Who is calling, read off what API Gateway's authorizers (or the local server standing in for them) established. */
export function callerOf(event: ApiEvent): Caller {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerField }).authorizer;
  const lambda = authorizer?.lambda;
  if (lambda) {
    if (lambda.caller === 'meter' && lambda.smartMeterId) return { kind: 'meter', smartMeterId: lambda.smartMeterId };
    if ((lambda.caller === 'customer' || lambda.caller === 'operator') && typeof lambda.sub === 'string' && lambda.sub !== '') return { kind: lambda.caller, sub: lambda.sub };
    return { kind: 'invalid', reason: lambda.reason ?? 'unrecognised credential' };
  }
  const claims = authorizer?.jwt?.claims;
  if (claims) {
    // Only access tokens carry the caller's groups and are meant for APIs; an ID token is refused.
    if (claims.token_use !== 'access') return { kind: 'invalid', reason: 'not an access token' };
    if (typeof claims.sub !== 'string' || claims.sub === '') return { kind: 'invalid', reason: 'the token names no subject' };
    return groupsOf(claims['cognito:groups']).includes(OPERATORS_GROUP) ? { kind: 'operator', sub: claims.sub } : { kind: 'customer', sub: claims.sub };
  }
  return { kind: 'anonymous' };
}
