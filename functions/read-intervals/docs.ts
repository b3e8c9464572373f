import * as v from 'valibot';
import { METER_ROUTE_ERRORS, type RouteDocs } from '../../shared/http/openapi.js';
import { int } from '../../shared/http/response-schemas.js';

export const IntervalsAnswerSchema = v.strictObject({
  /** In the meter's unit: kWh (electricity), m3 or ft3x100 (gas: the volume as sent, before conversion). */
  intervals: v.array(v.union([v.strictObject({ start: int(), kWh: v.number() }), v.strictObject({ start: int(), m3: v.number() }), v.strictObject({ start: int(), ft3x100: v.number() })])),
  /** Send it back as `cursor` for the next page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
export type IntervalsAnswer = v.InferOutput<typeof IntervalsAnswerSchema>;

export const docs: RouteDocs = {
  summary: "An interval meter's half hours, ascending by start, a page at a time.",
  description:
    'The half hours that start in [from, to), at most `limit` (default and maximum 20,000) per page. When more ' +
    'remain, `nextCursor` continues the same list: send it back as `cursor` with the same from and to. A cursor this ' +
    'API did not give out is refused (400). A power meter has readings, not intervals: a 409 names its route. A gas ' +
    'meter answers its volumes as sent (`m3`, or `ft3x100` for an imperial meter).',
  responseSchema: IntervalsAnswerSchema,
  errorStatuses: [...METER_ROUTE_ERRORS, 409],
};
