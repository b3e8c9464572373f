import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { ProductSummarySchema } from '../../shared/http/octopus-products.js';

const TariffSchema = v.record(v.string(), v.unknown());
const TariffsSchema = v.record(v.string(), v.strictObject({ direct_debit_monthly: TariffSchema }));
export const ProductSchema = v.strictObject({
  ...ProductSummarySchema.entries,
  tariffs_active_at: v.string(),
  single_register_electricity_tariffs: TariffsSchema,
  dual_register_electricity_tariffs: TariffsSchema,
  single_register_gas_tariffs: TariffsSchema,
  dual_register_gas_tariffs: TariffsSchema,
});

export const docs: RouteDocs = {
  summary: 'One product (public): its tariff code and figures at `tariffs_active_at` (default now), in pence, with and without VAT.',
  description:
    'Also at the same path with a trailing slash. Tariff code: `E-1R-<PRODUCT>-A` (one rate), `E-2R-<PRODUCT>-A` ' +
    '(time-of-use: day = the standard rate, night = the cheapest window) or `G-1R-<PRODUCT>-A` (gas). A dynamic ' +
    "plan's unit rate is null here: read its half hours from standard-unit-rates.",
  responseSchema: ProductSchema,
  errorStatuses: [400, 404, 503],
};
