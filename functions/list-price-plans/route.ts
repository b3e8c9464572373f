import * as v from 'valibot';
import { DIRECTIONS, FUELS } from '../../shared/domain/price-plan-catalogue.js';
import { CUSTOMERS_AND_OPERATORS, type RouteEntry } from '../../shared/http/route-entry.js';

export const route = {
  operationId: 'listPricePlans',
  method: 'GET',
  path: '/price-plans',
  access: { ...CUSTOMERS_AND_OPERATORS, scopes: ['prices.publish'] },
  stores: { pricePlans: 'read' },
  /** `direction`, `fuel`: only the plans of one direction (import: what households buy; export: what they are paid for), or fuel. */
  querySchema: v.object({ direction: v.optional(v.picklist(DIRECTIONS)), fuel: v.optional(v.picklist(FUELS)) }),
} as const satisfies RouteEntry;
