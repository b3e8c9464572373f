import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const PublishedPricesSchema = v.strictObject({
  pricePlanId: v.string(),
  /** How many half hours of the request are now published (unchanged ones included). */
  published: int(),
});
export type PublishedPrices = v.InferOutput<typeof PublishedPricesSchema>;

export const docs: RouteDocs = {
  summary: "Publish a dynamic plan's half-hour unit rates (at most 1,000 per call).",
  description:
    'Each entry is one half hour starting at :00 or :30 UTC, its unit rate without VAT in the minor unit of the ' +
    'catalogue currency; negative rates are allowed. Only dynamic plans take prices (409 otherwise; unknown plan ' +
    '404). A half hour that has started keeps its price: publishing the same value again is a no-op, another value ' +
    'is a 409 naming it; later half hours may be replaced. A call lands whole or not at all, so it may touch at most ' +
    '25 UTC days (400 otherwise). In force in every ' +
    'function within 60 seconds.',
  bodyExample: { prices: [{ from: 1830297600, unitRate: 21.5 }, { from: 1830299400, unitRate: -1.2 }] },
  responseSchema: PublishedPricesSchema,
  errorStatuses: [400, 401, 403, 404, 409, 503],
};
