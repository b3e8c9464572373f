import * as v from 'valibot';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const LoadShiftSchema = v.strictObject({
  smartMeterId: v.string(),
  /** ISO 4217: costs in its minor unit, VAT included. */
  currency: v.string(),
  from: int(),
  to: int(),
  share: v.number(),
  /** Best first: the lowest cost after shifting. */
  plans: v.array(v.strictObject({ pricePlanId: v.string(), cost: v.number(), costShifted: v.number(), saving: v.number() })),
  /** Plans that cannot price every half hour with energy (prices not published): not costed. */
  incomplete: v.array(v.string()),
});
export type LoadShift = v.InferOutput<typeof LoadShiftSchema>;

export const docs: RouteDocs = {
  summary: "What moving a share of each day's energy into its cheapest half hours would save, under every plan.",
  description:
    'Over [from, to) (default: the last 30 days; at most 366 days; the answer\'s from/to are cut to the readings ' +
    'inside it, so they say how much usage the figures rest on), each plan prices the usage as it is (`cost`, as ' +
    'compare-all does) and with `share` (default 0.2) of each UTC day\'s energy taken from its dearest half hours ' +
    'that hold energy and placed evenly into as many of its cheapest half hours, on that plan (`costShifted`). ' +
    'A flat plan saves nothing. Best plan first. Money in the minor unit of `currency`, VAT included.',
  responseSchema: LoadShiftSchema,
  errorStatuses: METER_ROUTE_ERRORS,
  parameterExamples: { from: undefined, to: undefined },
};
