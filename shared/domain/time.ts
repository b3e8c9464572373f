import { ValidationError } from '../errors.js';

/**
 * The one vocabulary for time: instants are epoch seconds; a Span is a closed stretch with both ends known; a
 * TimeRange is what a caller asks for, either end possibly open. Both are from-inclusive, to-exclusive.
 */
export interface Span {
  from: number;
  to: number;
}

export interface TimeRange {
  from?: number;
  to?: number;
}

/** Seconds in a UTC day (the stored summaries' day, a standing charge's day, a savings window's day). */
export const DAY_SECONDS = 86_400;

/** The half hour of energy markets, summaries and dynamic prices: UTC :00 and :30, 1,800 real seconds. */
export const HALF_HOUR_SECONDS = 1800;
export const HALF_HOURS_PER_DAY = DAY_SECONDS / HALF_HOUR_SECONDS;

/** An instant as ISO 8601 UTC to the second (2026-01-01T00:00:00Z): how messages, CSVs and feeds name times. */
export const isoTime = (time: number) => new Date(time * 1000).toISOString().replace('.000Z', 'Z');

/** The UTC midnight at or before an instant. */
export const dayOf = (time: number) => Math.floor(time / DAY_SECONDS) * DAY_SECONDS;
/** The start of the UTC half hour (:00/:30) an instant falls in. */
export const halfHourOf = (time: number) => time - (time % HALF_HOUR_SECONDS);

/** The zone calendars and plans follow when none is named: JOI's suppliers and customers are British. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

const knownZones = new Map<string, boolean>();

/** Any zone name the runtime's Intl accepts (IANA names, aliases such as Asia/Kolkata or GMT, any case). */
export function isTimeZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: name });
      known = name.length > 0 && !/^[+-]/.test(name); // offsets like +01:00 are not zones the calendar can follow
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(name, known);
  }
  return known;
}

/** A range's open ends filled as two UTC days: from today's midnight, or ending at `to`: what a published series is read for. */
export function todayAndTomorrow(range: TimeRange, now: number): Span {
  const from = range.from ?? (range.to !== undefined ? Math.max(0, range.to - 2 * DAY_SECONDS) : dayOf(now));
  return { from, to: range.to ?? from + 2 * DAY_SECONDS };
}

/** The span a range stands for, its open ends filled from `bounds` (e.g. the first and last reading). */
/**
 * A span of money (a statement, a cost) ends now at the latest: standing charges are for days that have happened, and
 * a day still to come holds no energy. A span that starts after now is refused.
 */
export function untilNow(span: Span, now: number): Span {
  if (span.from >= now) throw new ValidationError(`from must be before now (${isoTime(now)}): only time that has happened is billed`);
  return { from: span.from, to: Math.min(span.to, now) };
}

export function closeRange(range: TimeRange, bounds: Span): Span {
  return { from: range.from ?? bounds.from, to: range.to ?? bounds.to };
}

/** The parts of sorted, non-overlapping spans that fall inside `within`. */
export function clipSpans(spans: readonly Span[], within: Span): Span[] {
  return spans
    .map((s) => ({ from: Math.max(s.from, within.from), to: Math.min(s.to, within.to) }))
    .filter((s) => s.from < s.to);
}

/** Spans sorted by start, with those that touch or overlap joined into one. */
export function mergeSpans(sorted: Iterable<Span>): Span[] {
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && last.to >= span.from) last.to = Math.max(last.to, span.to);
    else merged.push({ from: span.from, to: span.to });
  }
  return merged;
}

/** Stretches cut at every half-hour edge (UTC :00/:30), so each lies inside one half hour. */
export function cutAtHalfHours<S extends Span>(stretches: readonly S[]): S[] {
  const pieces: S[] = [];
  for (const stretch of stretches) {
    for (let from = stretch.from; from < stretch.to; ) {
      const to = Math.min(stretch.to, halfHourOf(from) + HALF_HOUR_SECONDS);
      pieces.push({ ...stretch, from, to });
      from = to;
    }
  }
  return pieces;
}

/** The parts of a span no covered stretch reaches (both sorted): the gaps a statement lists as missing. */
export function gapsOf(span: Span, covered: readonly Span[]): Span[] {
  const gaps: Span[] = [];
  let at = span.from;
  for (const run of covered) {
    if (run.from > at) gaps.push({ from: at, to: Math.min(run.from, span.to) });
    at = Math.max(at, run.to);
    if (at >= span.to) break;
  }
  if (at < span.to) gaps.push({ from: at, to: span.to });
  return gaps.filter((g) => g.from < g.to);
}
