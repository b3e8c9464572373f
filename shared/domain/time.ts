import { ValidationError } from '../errors.js';

/**
 * The one vocabulary for time: instants are epoch seconds; a Span is a closed stretch with both ends known; a
 * TimeRange is what a caller asks for, either end possibly open. Both are from-inclusive, to-exclusive.
 */
export interface Span {
  from: number;
  to: number;
}

/**
 * In a sequence sorted by time, the index of the first item for which `isBefore` no longer holds (its length when it
 * holds for all): a binary search, so finding a stretch of a year of data costs a few comparisons, not a scan.
 */
export function partitionPoint<T>(sorted: readonly T[], isBefore: (item: T) => boolean): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isBefore(sorted[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
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
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 date or date-time as epoch seconds, or undefined when it is not one, or names an impossible calendar
 * date or time (2026-11-31, 25:00, 10:60): JavaScript's Date would roll those over into another day (2026-12-01).
 * Without a zone it is UTC.
 */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[7];
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(-2)) > 59)) return undefined;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}${zone ? (zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`) : 'Z'}`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** Epoch seconds (digits only) or an ISO 8601 date or time, as epoch seconds; undefined when it is neither. */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : parseIsoInstant(trimmed);
  return seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined;
}

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
