import * as v from 'valibot';
import { CUSTOMERS_AND_OPERATORS, type RouteEntry } from '../../shared/http/route-entry.js';
import { fromBeforeTo, rangeFields, toWithin } from '../../shared/http/request-schemas.js';

type Range = { from?: number; to?: number };

export const route = {
  operationId: 'readCalorificValues',
  method: 'GET',
  path: '/calorific-values',
  // Published data, as prices are; a feed that publishes them may read them back.
  access: { ...CUSTOMERS_AND_OPERATORS, scopes: ['prices.publish'] },
  stores: { pricePlans: 'read' },
  querySchema: v.pipe(v.object(rangeFields), fromBeforeTo<Range>(), toWithin<Range>(366 * 86_400, 'must be at most 366 days after from')),
} as const satisfies RouteEntry;
