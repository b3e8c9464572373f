import { ForbiddenError, UnauthorizedError } from '../errors.js';

/**
 * What a supplier's system (a machine client, signed in with the client-credentials grant) may be allowed to do: each
 * is a scope of the API's resource server (`joi-energy/<scope>`), and a route's access rule names the scopes it admits.
 */
export const MACHINE_SCOPES = ['prices.publish', 'meters.manage', 'readings.import'] as const;
/** The API's Cognito resource server: machine scopes are `joi-energy/<scope>` in a token's `scope` claim. */
export const RESOURCE_SERVER = 'joi-energy';
export type MachineScope = (typeof MACHINE_SCOPES)[number];

/**
 * Who is calling, as the authorizers established it: a meter holding its key, a signed-in customer, an operator
 * (a customer of the `operators` group with MFA), a machine client with its scopes, nobody, or somebody whose
 * credential did not check out.
 */
export type Caller =
  | { kind: 'meter'; smartMeterId: string }
  | { kind: 'customer'; sub: string }
  | { kind: 'operator'; sub: string }
  | { kind: 'machine'; clientId: string; scopes: readonly MachineScope[] }
  /** A customer's personal API key (HTTP Basic, the key as the username): read-only, on the /v1/ read API alone. */
  | { kind: 'personal'; sub: string; keyId: string }
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: string };

/** Who may call a route, declared once in the route table (`personal`: a customer's personal API key). */
export type Audience = 'meter' | 'customer' | 'operator' | 'personal';

export interface AccessRule {
  audiences: readonly Audience[];
  /**
   * Anyone, with or without a credential (which is not even looked at): only for routes that read and store nothing
   * of anybody's, such as costing a household's own file against the public catalogue.
   */
  public?: true;
  /** Where the meter the request concerns is named: meters and customers may only touch their own. */
  meterFrom?: 'path' | 'body';
  /** Body fields only operators (and admitted machines) may send (e.g. a back-dated plan switch). */
  operatorOnlyFields?: readonly string[];
  /** The machine scopes that admit a machine client, which then acts as an operator would on this route. */
  scopes?: readonly MachineScope[];
}

export interface AccessRequest {
  /** The meter the request concerns, when the route names one. */
  smartMeterId?: string;
  /** Body fields present in the request. */
  bodyFields?: readonly string[];
  /** The customer who owns that meter's account (undefined: nobody, or no such account). */
  owner?: string;
}

/** The part of the decision that needs no request: 401 for no or a refused credential, 403 for the wrong audience. */
export function checkAudience(rule: AccessRule, caller: Caller): asserts caller is Exclude<Caller, { kind: 'anonymous' | 'invalid' }> {
  if (caller.kind === 'anonymous') throw new UnauthorizedError('a credential is required: Authorization: Bearer <meter key or access token>');
  if (caller.kind === 'invalid') throw new UnauthorizedError(`the credential was refused: ${caller.reason}`);
  // A personal key is no credential anywhere else: as if none had been sent (a script holding one learns nothing more).
  if (caller.kind === 'personal' && !rule.audiences.includes('personal')) {
    throw new UnauthorizedError('a personal API key is accepted only on the read API under /v1/: sign in for this endpoint');
  }
  if (caller.kind === 'machine') {
    if (!caller.scopes.some((scope) => rule.scopes?.includes(scope))) {
      throw new ForbiddenError(rule.scopes?.length ? `this client's token needs the scope ${rule.scopes.map((s) => `${RESOURCE_SERVER}/${s}`).join(' or ')}` : 'a machine client may not call this endpoint');
    }
    return;
  }
  if (!rule.audiences.includes(caller.kind)) throw new ForbiddenError(`a ${caller.kind} may not call this endpoint`);
}

/**
 * The one authorization decision: 401 when the caller is not established, 403 when an established caller may not
 * do this (another meter's data, a meter reading, a customer writing readings or calling /admin); else allowed.
 */
export function authorize(rule: AccessRule, caller: Caller, request: AccessRequest): void {
  checkAudience(rule, caller);
  if (caller.kind === 'operator' || caller.kind === 'machine') return;
  const forbidden = (request.bodyFields ?? []).filter((field) => rule.operatorOnlyFields?.includes(field));
  if (forbidden.length > 0) throw new ForbiddenError(`only operators may send ${forbidden.join(', ')}`);
  if (rule.meterFrom === undefined || request.smartMeterId === undefined) return;
  if (caller.kind === 'meter') {
    if (caller.smartMeterId !== request.smartMeterId) throw new ForbiddenError(`this meter key belongs to another meter`);
    return;
  }
  if (request.owner === undefined || request.owner !== caller.sub) {
    throw new ForbiddenError(`smart meter '${request.smartMeterId}' is not one of your meters`);
  }
}
