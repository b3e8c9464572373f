import type { RouteDocs } from '../../shared/http/openapi.js';
import { octopusPageSchema } from '../../shared/http/octopus.js';
import { ProductSummarySchema } from '../../shared/http/octopus-products.js';

export const ProductsPageSchema = octopusPageSchema(ProductSummarySchema);

export const docs: RouteDocs = {
  summary: "The catalogue's plans as Octopus products (public): the product code is the plan id upper-cased.",
  description: 'Also at the same path with a trailing slash. Paged as Octopus pages (`page`, `page_size` up to 1,500).',
  responseSchema: ProductsPageSchema,
  errorStatuses: [400, 404, 503],
};
