import { EVER, halfHoursTouchedPerSpan } from './coverage.js';
import { coveredRuns, DEFAULT_MAX_GAP_SECONDS, energyPerPeriodKwh } from './energy.js';
import type { Reading } from './readings.js';
import { DAY_SECONDS, dayOf, HALF_HOUR_SECONDS, HALF_HOURS_PER_DAY, mergeSpans, type Span } from './time.js';

/**
 * Stored energy summaries: per meter and UTC day, the kWh of each half hour. Energy is additive over time, so any
 * stretch made of whole summarized half hours is the sum of their energies, exactly as the readings would give it
 * (power is linear between readings; an interval is split where a half hour ends). What is not made of whole half
 * hours of summarized days (the open day, a range cut mid half-hour, a plan whose rate changes off the grid) is
 * computed from the readings themselves. The half hour (HALF_HOUR_SECONDS) is the time vocabulary's, the very one
 * dynamic prices are published in.
 */

/**
 * A day may be summarized once no reading can still change it: its last interval may reach one maximum gap past
 * midnight, and a reader waits this much longer than a writer thinks (clock skew, a write still in flight: a
 * writer marks any day that ended more than one maximum gap ago, so readers leave it alone for 10 minutes more).
 */
export const SETTLE_MARGIN_SECONDS = 600;

/**
 * How long a late write keeps its days from being summarized. Later writes to the same days (a backfill's next
 * batches) find the lease and write without marking again, so history costs about what live readings cost.
 */
export const LATE_WRITE_LEASE_SECONDS = 300;

/**
 * A write may rely on an earlier write's lease only while this much of it is left: a write ends within the write
 * functions' 15 s timeout, so it lands while the lease still holds, with 45 s to spare for clocks that disagree.
 */
export const LEASE_REUSE_MARGIN_SECONDS = 60;

/** Whether a day's lease still covers a write starting at `now` (it may then write without marking). */
export const leaseCoversWrite = (leaseUntil: number | undefined, now: number) =>
  leaseUntil !== undefined && leaseUntil >= now + LEASE_REUSE_MARGIN_SECONDS;

/**
 * Whether a reader that saw this lease at `now` may summarize the day: only once it has passed, since writes under
 * it bump no version; every write that relied on it has then landed, before the reader reads the readings.
 */
export const leaseHasPassed = (leaseUntil: number | undefined, now: number) => leaseUntil === undefined || leaseUntil < now;

export interface DaySummary {
  day: number;
  kWh: number;
  /** How many of its half hours hold data (see coverage.ts). */
  halfHoursCovered: number;
  /** kWh per half hour, 48 of them; loaded only where a day is cut on the grid. */
  slots?: readonly number[];
  /** Which half hours hold data, loaded with `slots`. */
  covered?: readonly boolean[];
}


/** The days (UTC day starts) a span touches. */
export function daysOf(span: Span): number[] {
  const days: number[] = [];
  for (let day = dayOf(span.from); day < span.to; day += DAY_SECONDS) days.push(day);
  return days;
}

/** A day summarized from the readings around it (the day ± one maximum gap). */
export function summarizeDay(sorted: readonly Reading[], day: number, maxGapSeconds = DEFAULT_MAX_GAP_SECONDS): DaySummary {
  const halfHours = Array.from({ length: HALF_HOURS_PER_DAY }, (_, i) => ({ from: day + i * HALF_HOUR_SECONDS, to: day + (i + 1) * HALF_HOUR_SECONDS }));
  const slots = energyPerPeriodKwh(sorted, halfHours, maxGapSeconds);
  const covered = halfHoursTouchedPerSpan(coveredRuns(sorted, EVER, maxGapSeconds), halfHours).map((touched) => touched > 0);
  return { day, kWh: slots.reduce((sum, kWh) => sum + kWh, 0), halfHoursCovered: covered.filter(Boolean).length, slots, covered };
}

/** Whether a day can be summarized for good at `now` (as a reader sees it). */
export const isSettledForReaders = (day: number, now: number, maxGapSeconds: number) =>
  day + DAY_SECONDS + maxGapSeconds + SETTLE_MARGIN_SECONDS <= now;

/**
 * The settled days a write at these times may change (a reading moves energy up to one maximum gap either side):
 * the days a writer must mark so that no summary of them is trusted, as a writer sees it at `now`.
 */
export function settledDaysTouched(times: readonly number[], now: number, maxGapSeconds: number): number[] {
  const days = new Set<number>();
  for (const t of times) {
    for (let day = dayOf(t - maxGapSeconds); day <= t + maxGapSeconds; day += DAY_SECONDS) {
      if (day + DAY_SECONDS + maxGapSeconds <= now) days.add(day);
    }
  }
  return [...days].sort((a, b) => a - b);
}

const onGrid = (t: number) => t % HALF_HOUR_SECONDS === 0;

/** One period's pieces, day by day: where each can come from. */
interface Piece {
  period: number;
  span: Span;
  source: 'day' | 'slots' | 'raw';
}

/**
 * Energy per period from summaries where they give the exact answer and readings elsewhere. Built in two steps so
 * a caller loads only what it needs: `plan` says which days need their half hours and which stretches need readings.
 */
export class EnergyLedger {
  private readonly pieces: Piece[] = [];

  private constructor(
    private readonly periods: readonly Span[],
    private readonly summaries: ReadonlyMap<number, DaySummary>,
  ) {}

  /** Which summaries serve which parts of the periods (periods sorted, not overlapping). */
  static plan(periods: readonly Span[], summarizedDays: ReadonlyMap<number, DaySummary>): EnergyLedger {
    const ledger = new EnergyLedger(periods, summarizedDays);
    periods.forEach((period, index) => {
      for (const day of daysOf(period)) {
        const span = { from: Math.max(period.from, day), to: Math.min(period.to, day + DAY_SECONDS) };
        if (span.to <= span.from) continue;
        const summarized = summarizedDays.has(day);
        const whole = span.from === day && span.to === day + DAY_SECONDS;
        const source = !summarized ? 'raw' : whole ? 'day' : onGrid(span.from) && onGrid(span.to) ? 'slots' : 'raw';
        ledger.pieces.push({ period: index, span, source });
      }
    });
    return ledger;
  }

  /** Days whose half hours are needed. */
  slotDays(): number[] {
    return [...new Set(this.pieces.filter((p) => p.source === 'slots').map((p) => dayOf(p.span.from)))];
  }

  /** The stretches that must be computed from readings, merged (load readings one maximum gap around each). */
  rawSpans(): Span[] {
    return mergeSpans(this.pieces.filter((p) => p.source === 'raw').map((p) => p.span));
  }

  /** Energy per period, given the slots of `slotDays()` and the readings around `rawSpans()`. */
  energyPerPeriod(raw: readonly Reading[], maxGapSeconds: number): number[] {
    return this.perPeriod(energyPerPeriodKwh(raw, this.rawPieceSpans(), maxGapSeconds), (s) => s.kWh, (s) => s.slots!);
  }

  /** Half hours holding data per period (see coverage.ts), given what `energyPerPeriod` is given. */
  halfHoursCoveredPerPeriod(raw: readonly Reading[], maxGapSeconds: number): number[] {
    const rawCounts = halfHoursTouchedPerSpan(coveredRuns(raw, EVER, maxGapSeconds), this.rawPieceSpans());
    return this.perPeriod(rawCounts, (s) => s.halfHoursCovered, (s) => s.covered!.map(Number));
  }

  private rawPieceSpans(): Span[] {
    return this.pieces.filter((p) => p.source === 'raw').map((p) => p.span);
  }

  /**
   * A figure per period, summed over its pieces: the raw pieces' values (in piece order), a whole day's from its
   * summary, and a day cut on the grid from its half hours.
   */
  private perPeriod(rawValues: readonly number[], ofDay: (summary: DaySummary) => number, ofHalfHours: (summary: DaySummary) => readonly number[]): number[] {
    const totals = this.periods.map(() => 0);
    this.pieces.filter((p) => p.source === 'raw').forEach((piece, i) => (totals[piece.period]! += rawValues[i]!));
    for (const piece of this.pieces) {
      const summary = this.summaries.get(dayOf(piece.span.from));
      if (piece.source === 'day') totals[piece.period]! += ofDay(summary!);
      if (piece.source === 'slots') {
        const values = ofHalfHours(summary!);
        const first = (piece.span.from - summary!.day) / HALF_HOUR_SECONDS;
        const last = (piece.span.to - summary!.day) / HALF_HOUR_SECONDS;
        for (let slot = first; slot < last; slot++) totals[piece.period]! += values[slot]!;
      }
    }
    return totals;
  }

  /**
   * The stretches of a span that may carry energy: summarized days with energy (whole, clipped to the span) and the
   * covered runs of the readings elsewhere. Costing walks only these, so its work grows with the data.
   */
  static energySpans(span: Span, summaries: ReadonlyMap<number, DaySummary>, raw: readonly Reading[], maxGapSeconds: number): Span[] {
    const pieces: Span[] = [];
    for (const day of daysOf(span)) {
      const part = { from: Math.max(span.from, day), to: Math.min(span.to, day + DAY_SECONDS) };
      const summary = summaries.get(day);
      if (summary) {
        if (summary.kWh > 0) pieces.push(part);
      } else {
        pieces.push(...coveredRuns(raw, part, maxGapSeconds));
      }
    }
    return mergeSpans(pieces);
  }
}
