import * as v from 'valibot';
import { int } from '../../shared/http/response-schemas.js';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

export const ReadingsDeletionSchema = v.strictObject({
  smartMeterId: v.string(),
  from: int(),
  to: int(),
  deleted: int(),
  /** False when readings of the range remain: repeat the same call. */
  complete: v.boolean(),
});
export type ReadingsDeletion = v.InferOutput<typeof ReadingsDeletionSchema>;

export const docs: RouteDocs = {
  summary: "Delete a meter's readings in [from, to) (operators: repairing bad data).",
  description:
    'Both from and to are required. One call removes at most 5,000 hours of readings; when `complete` is false, ' +
    'readings of the range remain: repeat the same call (deleting is idempotent).',
  responseSchema: ReadingsDeletionSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
