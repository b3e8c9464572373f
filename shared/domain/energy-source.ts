import { coverageShares, halfHoursTouchedPerSpan, periodsUpTo } from './coverage.js';
import { cubicMetres, kWhOfGas } from './gas.js';
import { dayOf, HALF_HOUR_SECONDS, mergeSpans, partitionPoint, type Span } from './time.js';

/** Energy in the half hour starting at `start` (epoch seconds on the UTC :00/:30 grid). */
export interface Interval {
  start: number;
  kWh: number;
}

/**
 * The one question every answer asks of a meter's data: energy per span. A power meter's readings answer it (the
 * services' EnergyView: trapezoids, or stored summaries); half-hour intervals answer it here. Costing, comparisons and
 * coverage take either, so a new kind of meter adds a source, not a branch in every answer.
 */
export interface EnergySource {
  /** Where the data lies: no energy outside it. */
  readonly span: Span;
  /** The stretches that may carry energy: only these need rate segments. */
  energySpans(): Span[];
  /** Energy (kWh) per period, for each set of periods. */
  energy(periodSets: readonly (readonly Span[])[]): Promise<number[][]>;
  /** Each period's coverage (coverage.ts), up to now: periods sorted and not overlapping. */
  coverage(periods: readonly Span[]): Promise<number[]>;
  /**
   * Energy the source holds but cannot tell in kWh yet, as volume (m³) per period, for each set of periods: a gas
   * meter's half hours on days with no published calorific value. Absent: every kWh is known (electricity).
   */
  unconverted?(periodSets: readonly (readonly Span[])[]): Promise<number[][]>;
}

/**
 * Half-hour intervals (kWh per UTC half hour) as an energy source. A period that cuts a half hour takes its share in
 * proportion to the time it covers (a third of a half hour, a third of its kWh); a half hour is covered exactly when
 * its interval is present, whatever its kWh.
 */
export class IntervalEnergy implements EnergySource {
  private readonly intervals: readonly Interval[];
  readonly span: Span;

  /** `intervals` one per half hour at most; `now` bounds coverage as it does for readings. */
  constructor(
    intervals: readonly Interval[],
    private readonly now: number,
  ) {
    this.intervals = [...intervals].sort((a, b) => a.start - b.start);
    const first = this.intervals[0];
    const last = this.intervals.at(-1);
    this.span = first && last ? { from: first.start, to: last.start + HALF_HOUR_SECONDS } : { from: 0, to: 0 };
  }

  energySpans(): Span[] {
    return mergeSpans(this.intervals.map(({ start }) => ({ from: start, to: start + HALF_HOUR_SECONDS })));
  }

  async energy(periodSets: readonly (readonly Span[])[]): Promise<number[][]> {
    return periodSets.map((periods) => periods.map((period) => this.energyIn(period)));
  }

  async coverage(periods: readonly Span[]): Promise<number[]> {
    const past = periodsUpTo(periods, this.now);
    return coverageShares(halfHoursTouchedPerSpan(this.energySpans(), past), past);
  }

  /** The intervals a period overlaps, found by binary search, each counted by the share of it inside the period. */
  private energyIn(period: Span): number {
    let kWh = 0;
    for (let i = partitionPoint(this.intervals, ({ start }) => start + HALF_HOUR_SECONDS <= period.from); i < this.intervals.length && this.intervals[i]!.start < period.to; i++) {
      const { start, kWh: whole } = this.intervals[i]!;
      const overlap = Math.min(period.to, start + HALF_HOUR_SECONDS) - Math.max(period.from, start);
      if (overlap > 0) kWh += overlap === HALF_HOUR_SECONDS ? whole : (whole * overlap) / HALF_HOUR_SECONDS;
    }
    return kWh;
  }
}

/**
 * A gas meter's half-hour volumes as an energy source: each half hour's kWh from its volume (m³, or hundreds of cubic
 * feet × 2.83) and the calorific value published for its UTC day (kWh = m³ × 1.02264 × CV ÷ 3.6). A half hour of a day
 * with no published value is never converted on a guess: its energy is not in `energy`, and its volume is told by
 * `unconverted`, so every answer can say it is incomplete. Coverage counts every half hour with a volume.
 */
export class GasEnergy implements EnergySource {
  private readonly converted: IntervalEnergy;
  private readonly volumes: IntervalEnergy;
  private readonly withoutValue: IntervalEnergy;
  private readonly calorificValues: ReadonlyMap<number, number>;
  readonly span: Span;

  /** `volumes` in the meter's unit; `calorificValues` by UTC day start (MJ/m³). */
  constructor(volumes: readonly Interval[], units: 'metric' | 'imperial' | undefined, calorificValues: ReadonlyMap<number, number>, now: number) {
    const m3 = volumes.map(({ start, kWh: volume }) => ({ start, kWh: cubicMetres(volume, units) }));
    this.calorificValues = calorificValues;
    const cvOf = (start: number) => calorificValues.get(dayOf(start));
    this.volumes = new IntervalEnergy(m3, now);
    this.converted = new IntervalEnergy(m3.flatMap(({ start, kWh: cubic }) => (cvOf(start) === undefined ? [] : [{ start, kWh: kWhOfGas(cubic, cvOf(start)!) }])), now);
    this.withoutValue = new IntervalEnergy(m3.filter(({ start }) => cvOf(start) === undefined), now);
    this.span = this.volumes.span;
  }

  energySpans(): Span[] {
    return this.volumes.energySpans();
  }

  energy(periodSets: readonly (readonly Span[])[]): Promise<number[][]> {
    return this.converted.energy(periodSets);
  }

  coverage(periods: readonly Span[]): Promise<number[]> {
    return this.volumes.coverage(periods);
  }

  unconverted(periodSets: readonly (readonly Span[])[]): Promise<number[][]> {
    return this.withoutValue.energy(periodSets);
  }

  /** The calorific value (MJ/m³) in force at an instant: its UTC day's published value, if any. */
  calorificValueAt(time: number): number | undefined {
    return this.calorificValues.get(dayOf(time));
  }

  /** The volume (m³) per period, converted or not: what a gas bill shows beside the kWh. */
  volume(periodSets: readonly (readonly Span[])[]): Promise<number[][]> {
    return this.volumes.energy(periodSets);
  }

  /** Each period's whole volume and the part of it not converted yet (m³): what gas answers show beside the kWh. */
  async gasIn(periods: readonly Span[]): Promise<{ m3: number; unconvertedM3: number }[]> {
    const [[volumes], [unconverted]] = await Promise.all([this.volume([periods]), this.unconverted([periods])]);
    return periods.map((_, i) => ({ m3: volumes![i]!, unconvertedM3: unconverted![i]! }));
  }
}

