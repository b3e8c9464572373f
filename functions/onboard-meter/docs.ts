import * as v from 'valibot';
import type { RouteDocs } from '../../shared/http/openapi.js';

export const OnboardedMeterSchema = v.strictObject({ smartMeterId: v.string(), pricePlanId: v.string(), meterKey: v.string() });
export type OnboardedMeter = v.InferOutput<typeof OnboardedMeterSchema>;

export const docs: RouteDocs = {
  summary: "Onboard a meter (operators): its account on a plan, optionally a customer's, and its key, shown once.",
  description:
    'The meter key is returned only here: store it in the meter. 400 for an unknown plan, a plan of the other ' +
    'direction or a bad id; 409 if the meter exists. An export meter (`"direction": "export"`, e.g. solar) names ' +
    "`importMeterId`, its household's import meter: it must exist, be an import meter of the same customer (the " +
    'export meter takes that customer when none is given) and have no export meter yet, else 409. The account and ' +
    'the link on the import meter are written in one transaction. A gas meter (`"fuel": "gas"`) is an interval ' +
    'meter of volume in `units` (`metric`, m³, the default; or `imperial`, hundreds of cubic feet), on a gas plan.',
  bodyExample: { smartMeterId: 'smart-meter-100', pricePlanId: 'price-plan-1' },
  responseSchema: OnboardedMeterSchema,
  errorStatuses: [400, 401, 403, 409, 503],
};
