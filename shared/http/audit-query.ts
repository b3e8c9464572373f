import * as v from 'valibot';
import { fromBeforeTo, integerText, rangeFields, toWithin } from './request-schemas.js';

/** The longest range one request of the trail may ask for: a year. */
export const MAX_AUDIT_RANGE_SECONDS = 366 * 86_400;
/** Most records one page holds. */
export const MAX_AUDIT_PAGE = 100;

type Range = { from?: number; to?: number };

/** The query both trail routes take: a range (default: the last 30 days, at most 366), a page size and a cursor. */
export const auditQueryFields = {
  ...rangeFields,
  limit: v.optional(integerText(`must be a whole number from 1 to ${MAX_AUDIT_PAGE}`, 1, MAX_AUDIT_PAGE), '50'),
  cursor: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2048))),
};
/** The range's rules, on a query of type T: from before to, at most 366 days apart. */
export const auditRangeRules = <T extends Range>() => [fromBeforeTo<T>(), toWithin<T>(MAX_AUDIT_RANGE_SECONDS, 'must be at most 366 days after from')] as const;
