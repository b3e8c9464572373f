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
 * API Gateway passes a JWT authorizer's array claims as text such as "[operators admins]"; a local or test caller
 * may pass a real array. Both read the same.
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

/** Who is calling, read off what API Gateway's authorizers (or the local server standing in for them) established. */
export function callerOf(event: ApiEvent): Caller {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerField }).authorizer;
  const lambda = authorizer?.lambda;
  if (lambda) {
    if (lambda.caller === 'meter' && lambda.smartMeterId) return { kind: 'meter', smartMeterId: lambda.smartMeterId };
    if ((lambda.caller === 'customer' || lambda.caller === 'operator') && lambda.sub) return { kind: lambda.caller, sub: lambda.sub };
    return { kind: 'invalid', reason: lambda.reason ?? 'unrecognised credential' };
  }
  const claims = authorizer?.jwt?.claims;
  if (claims) {
    // Only access tokens carry the caller's groups and are meant for APIs; an ID token is refused.
    if (claims.token_use !== 'access' || typeof claims.sub !== 'string') return { kind: 'invalid', reason: 'not an access token' };
    return groupsOf(claims['cognito:groups']).includes(OPERATORS_GROUP) ? { kind: 'operator', sub: claims.sub } : { kind: 'customer', sub: claims.sub };
  }
  return { kind: 'anonymous' };
}
