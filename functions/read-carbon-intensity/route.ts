import * as v from 'valibot';
import { CUSTOMERS_AND_OPERATORS, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, rangeFields, toWithin } from '../../shared/http/request-schemas.js';

type Range = { from?: number; to?: number };

export const route = {
  operationId: 'readCarbonIntensity',
  method: 'GET',
  path: '/carbon-intensity',
  // A price feed that publishes the intensity may read it back (#33.20).
  access: { ...CUSTOMERS_AND_OPERATORS, scopes: ['prices.publish'] },
  stores: { pricePlans: 'read' },
  querySchema: v.pipe(
    v.object(rangeFields),
    fromBeforeTo<Range>(),
    toWithin<Range>(31 * 86_400, 'must be at most 31 days after from: ask for a month at a time'),
  ),
} as const satisfies RouteEntry;
