import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';
import { DIRECTIONS, FUELS } from '../../shared/domain/price-plan-catalogue.js';
import { METER_KINDS } from '../../shared/domain/accounts.js';

export const MeSchema = v.strictObject({
  customerId: v.string(),
  /** The account number the /v1/ read API knows the customer by (`/v1/accounts/{accountNumber}/`). */
  accountNumber: v.string(),
  meters: v.array(
    v.strictObject({
      smartMeterId: v.string(),
      kind: v.picklist(METER_KINDS),
      direction: v.picklist(DIRECTIONS),
      fuel: v.picklist(FUELS),
      pricePlanId: v.optional(v.string()),
    }),
  ),
});
export type Me = v.InferOutput<typeof MeSchema>;

export const docs: RouteDocs = {
  summary: 'Who you are (customers): your id, your account number for the /v1/ read API, and your meters.',
  description:
    'The account number is `A-` and ten characters worked out from your customer id: the same every time, and ' +
    "nothing in it tells another customer's. It is a name, not a secret: /v1/ answers only your own account.",
  responseSchema: MeSchema,
  errorStatuses: [401, 403, 503],
};
