import { METER_OR_OPERATOR, type RouteEntry } from '../../shared/http/route-entry.js';
import { ReadingsBatchSchema } from '../../shared/http/request-schemas.js';

export const route = {
  operationId: 'storeReadings',
  method: 'POST',
  path: '/readings/store',
  access: METER_OR_OPERATOR,
  stores: { readings: 'write', summaries: 'mark', accounts: 'read' },
  bodySchema: ReadingsBatchSchema,
} as const satisfies RouteEntry;
