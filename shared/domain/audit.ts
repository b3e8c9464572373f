import type { Caller } from './authorization.js';

/** Who did it: a person by their identity provider's `sub`, a machine client by its id and scopes. */
export type AuditActor = { kind: 'operator' | 'customer'; sub?: string } | { kind: 'machine'; clientId?: string; scopes?: string[] };

/** One state-changing request, as the audit trail keeps it: appended once, never changed. */
export interface AuditRecord {
  /** When the answer was made (epoch milliseconds). */
  at: number;
  /** API Gateway's request id: the same request in the access log and the function's log. */
  requestId: string;
  actor: AuditActor;
  /** The route's operation id and its method and path, as the OpenAPI document names them. */
  operation: string;
  route: string;
  smartMeterId?: string;
  pricePlanId?: string;
  /** The request's essentials (a deletion's range and count, a switch's plans and date, …): never a key or a token. */
  details: Record<string, unknown>;
  /** The answer's status, and its message when refused. */
  outcome: { status: number; message?: string };
}

/**
 * The actor of a recorded action: a person or a machine client. A meter storing its own readings is sending data, not
 * acting, and is not recorded (nor is anyone the pipeline did not let through).
 */
export function actorOf(caller: Caller): AuditActor | undefined {
  switch (caller.kind) {
    case 'operator':
    case 'customer':
      return { kind: caller.kind, sub: caller.sub };
    case 'machine':
      return { kind: 'machine', clientId: caller.clientId, scopes: [...caller.scopes] };
    default:
      return undefined;
  }
}

/** How an actor is named in the trail and matched by `actor=`: a `sub` or a client id. */
export const actorName = (actor: AuditActor): string => (actor.kind === 'machine' ? actor.clientId : actor.sub) ?? '';

/** The span a list of start times covers, each `length` seconds long (a publication's or a batch's range). */
export function spanOfStarts(starts: readonly number[], length = 0): { from: number; to: number } | Record<string, never> {
  if (starts.length === 0) return {};
  return { from: Math.min(...starts), to: Math.max(...starts) + length };
}
