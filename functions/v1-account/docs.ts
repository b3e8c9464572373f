import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';

const AgreementSchema = v.strictObject({ tariff_code: v.string(), valid_from: v.string(), valid_to: v.nullable(v.string()) });
const MetersSchema = v.array(v.strictObject({ serial_number: v.string() }));

export const OctopusAccountSchema = v.strictObject({
  number: v.string(),
  properties: v.array(
    v.strictObject({
      id: v.number(),
      moved_in_at: v.nullable(v.string()),
      moved_out_at: v.null(),
      address_line_1: v.string(),
      postcode: v.string(),
      electricity_meter_points: v.array(
        v.strictObject({ mpan: v.string(), profile_class: v.number(), is_export: v.boolean(), meters: MetersSchema, agreements: v.array(AgreementSchema) }),
      ),
      gas_meter_points: v.array(v.strictObject({ mprn: v.string(), meters: MetersSchema, agreements: v.array(AgreementSchema) })),
    }),
  ),
});
export type OctopusAccount = v.InferOutput<typeof OctopusAccountSchema>;

export const docs: RouteDocs = {
  summary: "Your account as Octopus's REST API shapes it: one property, its electricity and gas meter points and their agreements.",
  description:
    'Also at the same path with a trailing slash. `mpan`/`mprn` and `serial_number` are the meter id; `is_export` ' +
    'follows the meter; `agreements` is its plan history (`tariff_code` as `GET /v1/products/{productCode}` names ' +
    'it). The account number is yours (`GET /me`): any other is a 404, as is an operator (operators have no account).',
  responseSchema: OctopusAccountSchema,
  errorStatuses: [401, 403, 404, 503],
};
