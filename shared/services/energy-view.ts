import { forEachLimited } from '../concurrency.js';
import { coveredRuns, energyPerPeriodKwh } from '../domain/energy.js';
import {
  daysOf,
  EnergyLedger,
  isSettledForReaders,
  leaseHasPassed,
  summarizeDay,
  type DaySummary,
} from '../domain/energy-summaries.js';
import type { EnergySource } from '../domain/energy-source.js';
import { firstIndexAtOrAfter, normaliseReadings, readingsBetween, type Reading } from '../domain/readings.js';
import { coverageShares, EVER, halfHoursTouchedPerSpan, periodsUpTo } from '../domain/coverage.js';
import { DAY_SECONDS, mergeSpans, type Span } from '../domain/time.js';
import type { ReadingsReader } from '../ports/readings-store.js';
import { summaryTag, type DayState, type SummariesStore } from '../ports/summaries-store.js';

export interface EnergyViewDeps {
  readings: ReadingsReader;
  /** Absent: every figure comes from the readings (the raw path). */
  summaries?: SummariesStore;
  maxGapSeconds: number;
  now: () => number;
  /** Told how many days were summarized, served from summaries, or read raw (metrics). */
  onSummaryWork?: (work: { summarized: number; fromSummaries: number; rawDays: number }) => void;
}

/**
 * A meter's energy over a span, for any sets of periods (usage buckets, rate segments): from stored day summaries
 * where they give the exact answer, from the readings elsewhere. Opening it reads the days' states (strongly
 * consistent: a late write bumps a day's version before and after it writes, so a summary made before the write
 * ends is never trusted) and the readings of the days that have no current summary; days that have settled are then
 * summarized and stored (lazily, on first read), conditional on their version not having moved meanwhile.
 */
export class EnergyView implements EnergySource {
  private readonly loaded: Span[] = [];
  private raw: Reading[] = [];

  private constructor(
    private readonly deps: EnergyViewDeps,
    private readonly smartMeterId: string,
    readonly span: Span,
    private readonly summaries: Map<number, DaySummary>,
    private readonly states: Map<number, DayState>,
  ) {}

  static async open(deps: EnergyViewDeps, smartMeterId: string, span: Span): Promise<EnergyView> {
    if (span.to <= span.from) return new EnergyView(deps, smartMeterId, span, new Map(), new Map());
    if (!deps.summaries) {
      const view = new EnergyView(deps, smartMeterId, span, new Map(), new Map());
      await view.loadRaw([span]);
      return view;
    }
    const days = daysOf(span);
    // The clock before the states are read: a lease seen passed then has every write under it landed.
    const now = deps.now();
    const states = await deps.summaries.dayStates(smartMeterId, days[0]!, days.at(-1)!);
    const summaries = new Map<number, DaySummary>();
    for (const [day, state] of states) {
      if (state.kWh !== undefined && state.halfHoursCovered !== undefined && state.tag === summaryTag(state.version, deps.maxGapSeconds)) {
        summaries.set(day, { day, kWh: state.kWh, halfHoursCovered: state.halfHoursCovered });
      }
    }
    const view = new EnergyView(deps, smartMeterId, span, summaries, states);
    const unsummarized = days.filter((day) => !summaries.has(day));
    deps.onSummaryWork?.({ summarized: 0, fromSummaries: summaries.size, rawDays: unsummarized.length });
    await view.loadRaw(mergeSpans(unsummarized.map((day) => ({ from: day, to: day + DAY_SECONDS }))));
    await view.summarizeSettled(unsummarized, now);
    return view;
  }

  /** The stretches of the span that may carry energy: only these need rate segments. */
  energySpans(): Span[] {
    if (!this.deps.summaries) return coveredRuns(this.raw, this.span, this.deps.maxGapSeconds);
    return EnergyLedger.energySpans(this.span, this.summaries, this.raw, this.deps.maxGapSeconds);
  }

  /**
   * Energy (kWh) per period, for each set of periods (each sorted, not overlapping). Outside the view's span there is
   * no energy (it holds every reading, one maximum gap around): periods are cut to it first, so a period of centuries
   * costs the work of the days with data.
   */
  energy(periodSets: readonly (readonly Span[])[]): Promise<number[][]> {
    return this.insideSpan(periodSets, (sets) => this.energyInside(sets));
  }

  /**
   * Each period's coverage (see coverage.ts): the share of its half hours up to now (the current half hour
   * included) that hold data, to 3 decimals. Half hours outside the view's span hold none.
   */
  async coverage(periods: readonly Span[]): Promise<number[]> {
    const past = periodsUpTo(periods, this.deps.now());
    const [covered] = await this.insideSpan([past], async ([inside]) => {
      if (!this.deps.summaries) return [halfHoursTouchedPerSpan(coveredRuns(this.raw, EVER, this.deps.maxGapSeconds), inside!)];
      const [ledger] = await this.ledgers([inside!]);
      return [ledger!.halfHoursCoveredPerPeriod(this.raw, this.deps.maxGapSeconds)];
    });
    return coverageShares(covered!, past);
  }

  /**
   * A figure per period of each set, worked out (by `compute`) only for the periods cut to the view's span that are
   * not empty; the others hold nothing, so they answer 0.
   */
  private async insideSpan(periodSets: readonly (readonly Span[])[], compute: (sets: Span[][]) => Promise<number[][]>): Promise<number[][]> {
    const inside = periodSets.map((periods) => periods.map((p) => ({ from: Math.max(p.from, this.span.from), to: Math.min(p.to, this.span.to) })));
    const values = await compute(inside.map((periods) => periods.filter((p) => p.from < p.to)));
    return inside.map((periods, i) => {
      let next = 0;
      return periods.map((p) => (p.from < p.to ? values[i]![next++]! : 0));
    });
  }

  private async energyInside(periodSets: readonly (readonly Span[])[]): Promise<number[][]> {
    if (!this.deps.summaries) return periodSets.map((periods) => energyPerPeriodKwh(this.raw, periods, this.deps.maxGapSeconds));
    const ledgers = await this.ledgers(periodSets);
    return ledgers.map((ledger) => ledger.energyPerPeriod(this.raw, this.deps.maxGapSeconds));
  }

  /** Plans where each period's parts come from, loading what the plan needs: the half hours of cut days, readings elsewhere. */
  private async ledgers(periodSets: readonly (readonly Span[])[]): Promise<EnergyLedger[]> {
    let ledgers = periodSets.map((periods) => EnergyLedger.plan(periods, this.summaries));
    const wanted = [...new Set(ledgers.flatMap((l) => l.slotDays()))].filter((day) => !this.summaries.get(day)?.slots);
    if (wanted.length > 0) {
      const found = await this.deps.summaries!.daySlots(this.smartMeterId, wanted);
      let stale = false;
      for (const day of wanted) {
        const slots = found.get(day);
        const state = this.states.get(day);
        if (slots && state && slots.tag === summaryTag(state.version, this.deps.maxGapSeconds)) {
          this.summaries.set(day, { ...this.summaries.get(day)!, slots: slots.slots, covered: slots.covered });
        } else {
          this.summaries.delete(day); // its half hours lag behind its total: read that day raw
          stale = true;
        }
      }
      if (stale) ledgers = periodSets.map((periods) => EnergyLedger.plan(periods, this.summaries));
    }
    await this.loadRaw(ledgers.flatMap((l) => l.rawSpans()));
    return ledgers;
  }

  /** Reads (once) the readings around stretches not read yet: one maximum gap either side. */
  private async loadRaw(spans: readonly Span[]): Promise<void> {
    const gap = this.deps.maxGapSeconds;
    // Every set of periods (each plan's rate segments) may ask for the same unsummarized day: read it once.
    const wanted = mergeSpans([...spans].sort((a, b) => a.from - b.from));
    const missing = wanted.filter((s) => !this.loaded.some((l) => l.from <= s.from && l.to >= s.to));
    if (missing.length === 0) return;
    const batches = await Promise.all(
      missing.map((s) => this.deps.readings.list(this.smartMeterId, { from: Math.max(0, s.from - gap), to: s.to + gap })),
    );
    this.loaded.push(...missing);
    const all = [...this.raw];
    for (const batch of batches) for (const r of batch) all.push(r);
    this.raw = missing.length === 1 && this.raw.length === 0 ? batches[0]! : normaliseReadings(all);
  }

  /**
   * Summarizes (and stores, best effort) the settled days among these that hold readings and no late write's lease,
   * as the states read at `now` showed them.
   */
  private async summarizeSettled(days: readonly number[], now: number): Promise<void> {
    const gap = this.deps.maxGapSeconds;
    const settled = days.filter(
      (day) => isSettledForReaders(day, now, gap) && leaseHasPassed(this.states.get(day)?.leaseUntil, now) && this.hasReadingsIn(day),
    );
    let summarized = 0;
    await forEachLimited(settled, 8, async (day) => {
      // A slice, not a filter: a year is 365 days over half a million readings.
      const around = readingsBetween(this.raw, day - gap, day + DAY_SECONDS + gap);
      const summary = summarizeDay(around, day, gap);
      const version = this.states.get(day)?.version ?? 0;
      // Made from readings read after the version was seen: right for this request whether or not it lands.
      this.summaries.set(day, summary);
      try {
        if (await this.deps.summaries!.saveSummary(this.smartMeterId, summary, version, summaryTag(version, gap), now)) summarized++;
      } catch {
        // Storing is an optimisation: the answer stands; the next read tries again.
      }
    });
    if (summarized > 0) this.deps.onSummaryWork?.({ summarized, fromSummaries: 0, rawDays: 0 });
  }

  private hasReadingsIn(day: number): boolean {
    const low = firstIndexAtOrAfter(this.raw, day);
    return low < this.raw.length && this.raw[low]!.time < day + DAY_SECONDS;
  }
}
