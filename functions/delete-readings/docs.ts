import * as z from 'zod/mini';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';

export const ReadingsDeletionSchema = z.object({
  smartMeterId: z.string(),
  from: z.int(),
  to: z.int(),
  deleted: z.int(),
  /** False when readings of the range remain: repeat the same call. */
  complete: z.boolean(),
});
export type ReadingsDeletion = z.infer<typeof ReadingsDeletionSchema>;

export const docs: RouteDocs = {
  summary: "Delete a meter's readings in [from, to) (operators: repairing bad data).",
  description:
    'Both from and to are required. One call removes at most 5,000 hours of readings; when `complete` is false, ' +
    'readings of the range remain: repeat the same call (deleting is idempotent).',
  responseSchema: ReadingsDeletionSchema,
  errorStatuses: METER_ROUTE_ERRORS,
};
