import * as v from 'valibot';
import { int } from './response-schemas.js';

const ActorSchema = v.union([
  v.strictObject({ kind: v.picklist(['operator', 'customer']), sub: v.optional(v.string()) }),
  v.strictObject({ kind: v.literal('machine'), clientId: v.optional(v.string()), scopes: v.optional(v.array(v.string())) }),
]);

/** One recorded action, as the trail answers it. */
export const AuditRecordSchema = v.strictObject({
  /** When it was answered: epoch milliseconds. */
  at: int(),
  requestId: v.string(),
  /** Who: a person's `sub`, or a machine client and its scopes (a customer's view names the supplier's staff and systems by kind only). */
  actor: ActorSchema,
  operation: v.string(),
  route: v.string(),
  smartMeterId: v.optional(v.string()),
  pricePlanId: v.optional(v.string()),
  /** The request's essentials; empty when it was refused. */
  details: v.record(v.string(), v.unknown()),
  outcome: v.strictObject({ status: int(), message: v.optional(v.string()) }),
});

/** A page of the trail, newest first. */
export const AuditPageSchema = v.strictObject({ records: v.array(AuditRecordSchema), nextCursor: v.nullable(v.string()) });
export type AuditPageAnswer = v.InferOutput<typeof AuditPageSchema>;
