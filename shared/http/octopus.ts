import * as v from 'valibot';
import { parseWallTime, wallTimeWithOffset } from '../domain/calendar.js';
import { DEFAULT_TIME_ZONE } from '../domain/time.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { ApiEvent } from './api-handler.js';

/*
 * The conventions of Octopus Energy's public REST API, shared by the /v1/ routes: times, pages and their links.
 * See docs/api.md ("The Octopus-compatible read API").
 */

/** The zone of a time sent without an offset, and of every time answered. */
export const OCTOPUS_TIME_ZONE = DEFAULT_TIME_ZONE;

/**
 * A time as Octopus's clients send it, as epoch seconds: ISO 8601 with an offset, or without one (Europe/London wall
 * time, summer or winter), or a date alone (London midnight). A `+` sent unencoded in a query string arrives as a
 * space: read back as the `+` it was. Undefined when it is not a time.
 */
export const parseOctopusTime = (text: string): number | undefined => parseWallTime(withOffsetSign(text.trim()), OCTOPUS_TIME_ZONE);

/** A time whose offset's `+` was sent bare in a query string (and so arrived as a space), with its `+` back. */
const withOffsetSign = (text: string) => text.replace(/ (\d{2}:?\d{2})$/, '+$1');

/** An instant as Octopus answers it: London wall time with its offset (`+01:00` in summer, `Z` in winter). */
export const octopusTime = (instant: number): string => wallTimeWithOffset(instant, OCTOPUS_TIME_ZONE);

/** A query time parameter of the /v1/ API. */
export const octopusTimeText = () =>
  v.pipe(
    v.string(),
    v.transform((text) => parseOctopusTime(text)),
    v.check((time): time is number => time !== undefined, 'must be an ISO 8601 time, e.g. 2026-07-01T00:00:00+01:00 (without an offset: Europe/London)'),
    v.transform((time) => time as number),
  );

/** The paging parameters: `page` from 1, `page_size` up to the route's maximum. */
export function pagingFields(defaultSize: number, maxSize: number) {
  const count = (max: number) => v.pipe(v.string(), v.regex(/^[0-9]{1,9}$/, 'must be a positive integer'), v.transform(Number), v.minValue(1, 'must be at least 1'), v.maxValue(max, `must be at most ${max}`));
  return { page: v.optional(count(1_000_000_000), '1'), page_size: v.optional(count(maxSize), String(defaultSize)) };
}

/** A page of an answer in Octopus's envelope. */
export interface OctopusPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** The response schema of a paged /v1/ answer: Octopus's envelope (as OctopusPage) around its results' schema. */
export const octopusPageSchema = <TResult extends v.GenericSchema>(result: TResult) =>
  v.strictObject({ count: v.number(), next: v.nullable(v.string()), previous: v.nullable(v.string()), results: v.array(result) });

/**
 * One page of results, with absolute `next` and `previous` links that keep every parameter the request sent, as sent
 * (names, order and values: clients pass a link's query back as keyword arguments), changing only `page`. A page past
 * the last is a 404, as Octopus answers it.
 */
export function pageOf<T>(event: ApiEvent, all: readonly T[], page: number, pageSize: number): OctopusPage<T> {
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  if (page > pages) throw new NotFoundError('Invalid page.');
  const link = (target: number) => pageLink(event, target);
  return {
    count: all.length,
    next: page < pages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: all.slice((page - 1) * pageSize, page * pageSize),
  };
}

/** Percent-encodes a value as Django does in its page links: `:` as %3A, `+` as %2B (never a bare `+`, read as a space). */
const encode = (text: string) => encodeURIComponent(text);

/** The request's own URL with `page` set to the target (absent for the first page), every other parameter as sent. */
function pageLink(event: ApiEvent, target: number): string {
  const pairs = (event.rawQueryString ?? '')
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=');
      const [name, value] = equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
      const decoded = (part: string) => {
        try {
          return decodeURIComponent(part.replace(/\+/g, ' '));
        } catch {
          throw new ValidationError('the query string is not valid percent-encoding');
        }
      };
      const key = decoded(name);
      // A time's `+` sent bare arrived as a space: it goes back out as %2B, not as a space.
      return [key, withOffsetSign(decoded(value))] as [string, string];
    });
  // `page` keeps its place when it was sent, else comes last; the first page's link has none.
  const at = pairs.findIndex(([name]) => name === 'page');
  if (at >= 0) pairs.splice(at, 1, ...(target > 1 ? [['page', String(target)] as [string, string]] : []));
  else if (target > 1) pairs.push(['page', String(target)]);
  const query = pairs.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
  return `${baseUrlOf(event)}${event.rawPath}${query ? `?${query}` : ''}`;
}

/** Where the caller reached the API: API Gateway's domain (https, as it says in X-Forwarded-Proto), or the local server. */
export function baseUrlOf(event: ApiEvent): string {
  return `${event.headers?.['x-forwarded-proto'] ?? 'http'}://${event.requestContext.domainName}`;
}

/** The orders of a consumption page. */
export const ORDER_BY = ['period', '-period'] as const;

/** `order_by`, or `order` as some clients send it (the same values); newest first when neither is sent. */
export function newestFirst(query: { order_by?: string; order?: string }): boolean {
  return (query.order_by ?? query.order ?? '-period') === '-period';
}

/** The 404 of a meter that is not the caller's or does not exist: the same answer, so existence is not revealed. */
export const meterNotFound = () => new NotFoundError('Not found.');
