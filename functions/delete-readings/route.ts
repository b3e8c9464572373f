import * as v from 'valibot';
import { OPERATOR_FOR_METER, type RouteEntry } from '../../shared/http/route-entry.js';
import { epochSeconds, fromBeforeTo, MeterPathSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'deleteReadings',
  method: 'DELETE',
  path: '/admin/meters/{smartMeterId}/readings',
  access: OPERATOR_FOR_METER,
  stores: { readings: 'delete', summaries: 'mark', accounts: 'read', audit: 'append' },
  audit: {
    details: ({ query, answer }) => {
      const { from, to } = query as { from: number; to: number };
      const { deleted, complete } = answer() as { deleted: number; complete: boolean };
      return { from, to, deleted, complete };
    },
  },
  pathSchema: MeterPathSchema,
  // Both ends required, so a typo cannot wipe a whole history.
  querySchema: v.pipe(v.object({ from: epochSeconds(), to: epochSeconds() }), fromBeforeTo()),
  // An interval meter's half hours are corrected by sending them again, not deleted.
  meterKind: { kind: 'power', use: 'read' },
} as const satisfies RouteEntry;
