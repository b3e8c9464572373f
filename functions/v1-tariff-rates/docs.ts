import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { octopusPageSchema } from '../../shared/http/octopus.js';

export const TariffRatesPageSchema = octopusPageSchema(
  v.strictObject({ value_exc_vat: v.number(), value_inc_vat: v.number(), valid_from: v.string(), valid_to: v.nullable(v.string()), payment_method: v.null() }),
);
export type TariffRatesPage = v.InferOutput<typeof TariffRatesPageSchema>;

export const docs: RouteDocs = {
  summary: "A tariff's rates as Octopus answers them (public): pence, with and without VAT, newest first.",
  description:
    'Also at the same path with a trailing slash. Filtered by `period_from` (inclusive) and `period_to` ' +
    '(exclusive): every rate whose validity overlaps them, with its whole validity (ask for an instant with ' +
    '`period_from`..`period_from + 1 s`). `standing-charges` and a one-rate plan\'s `standard-unit-rates`: one result ' +
    'per version of the plan. A dynamic plan\'s `standard-unit-rates`: one result per published half hour. A ' +
    "time-of-use (`E-2R`) plan: `day-unit-rates` is its standard rate and `night-unit-rates` each cheaper window's rate, " +
    'one result per version each; its `standard-unit-rates` is the time slices where each rate applies, cut at London ' +
    'midnights. Where slices are answered, the range defaults to today and tomorrow (London) and may span a year at most.',
  responseSchema: TariffRatesPageSchema,
  errorStatuses: [400, 404, 503],
};
