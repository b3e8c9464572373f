import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { ProductSummarySchema } from '../../shared/http/octopus-products.js';

export const ProductsPageSchema = v.strictObject({ count: v.number(), next: v.nullable(v.string()), previous: v.nullable(v.string()), results: v.array(ProductSummarySchema) });

export const docs: RouteDocs = {
  summary: "The catalogue's plans as Octopus products (public): the product code is the plan id upper-cased.",
  description: 'Also at the same path with a trailing slash. Paged as Octopus pages (`page`, `page_size` up to 1,500).',
  responseSchema: ProductsPageSchema,
  errorStatuses: [400, 404, 503],
};
