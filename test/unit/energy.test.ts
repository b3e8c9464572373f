import { describe, expect, it } from 'vitest';
import { calendarBuckets } from '../../shared/domain/calendar.js';
import { energyInRangeKwh, energyKwh, energyPerPeriodKwh, intervalEnergyKwh } from '../../shared/domain/energy.js';
import { normaliseReadings } from '../../shared/domain/readings.js';
import { SEED_READINGS } from '../support/events.js';

describe('energyKwh (trapezoid rule over time)', () => {
  it("gives 0.0026883 kWh for the seed's five example readings", () => {
    expect(energyKwh(SEED_READINGS)).toBeCloseTo(0.0026883, 7);
  });

  it('integrates a constant 2 kW over 3 hours to 6 kWh', () => {
    const readings = [0, 1, 2, 3].map((h) => ({ time: h * 3600, reading: 2 }));
    expect(energyKwh(readings)).toBeCloseTo(6, 12);
  });

  it('is the same whatever order the readings arrived in, once normalised', () => {
    const shuffled = [SEED_READINGS[3]!, SEED_READINGS[0]!, SEED_READINGS[4]!, SEED_READINGS[2]!, SEED_READINGS[1]!];
    expect(energyKwh(normaliseReadings(shuffled))).toBeCloseTo(0.0026883, 7);
  });

  it('skips an interval longer than the maximum gap and keeps one exactly at it', () => {
    const readings = [
      { time: 0, reading: 1 },
      { time: 3600, reading: 1 }, // exactly the default gap: counted (1 kWh)
      { time: 3600 + 3601, reading: 1 }, // one second over: missing data
    ];
    expect(energyKwh(readings)).toBeCloseTo(1, 12);
    expect(energyKwh(readings, 7200)).toBeCloseTo(1 + 3601 / 3600, 12);
    expect(energyKwh(readings, 60)).toBe(0);
  });

  it('is zero for no readings or a single reading', () => {
    expect(energyKwh([])).toBe(0);
    expect(energyKwh([{ time: 10, reading: 5 }])).toBe(0);
  });

  it('interpolates the share of an interval cut mid-way', () => {
    // 0 kW → 2 kW over one hour: the first half holds 0.25 kWh, the second 0.75 kWh.
    const interval = { from: 0, to: 3600, fromKw: 0, toKw: 2 };
    expect(intervalEnergyKwh(interval, 0, 1800)).toBeCloseTo(0.25, 12);
    expect(intervalEnergyKwh(interval, 1800, 3600)).toBeCloseTo(0.75, 12);
    expect(intervalEnergyKwh(interval, 4000, 5000)).toBe(0);
  });
});

describe('normaliseReadings', () => {
  it('sorts by time and keeps the last reading given for an instant', () => {
    const result = normaliseReadings([
      { time: 120, reading: 1 },
      { time: 60, reading: 2 },
      { time: 120, reading: 3 },
    ]);
    expect(result).toEqual([
      { time: 60, reading: 2 },
      { time: 120, reading: 3 },
    ]);
  });
});

describe('energy per period', () => {
  it('splits a constant 2 kW over 3 hours into 2 kWh per hour', () => {
    const readings = [0, 1800, 3600, 5400, 7200, 9000, 10800].map((time) => ({ time, reading: 2 }));
    const periods = calendarBuckets({ from: 0, to: 10800 }, 'hour', 'UTC');
    const perHour = energyPerPeriodKwh(readings, periods);
    expect(perHour.map((kWh) => Number(kWh.toFixed(12)))).toEqual([2, 2, 2]);
  });

  it('gives an interval cut by a boundary its interpolated share on each side, and empty periods 0', () => {
    const readings = [
      { time: 1800, reading: 0 },
      { time: 5400, reading: 4 }, // power rises linearly; the hour boundary at 3600 s sees 2 kW
    ];
    const periods = [
      { from: 0, to: 3600 },
      { from: 3600, to: 7200 },
      { from: 7200, to: 10800 },
    ];
    const [first, second, third] = energyPerPeriodKwh(readings, periods);
    expect(first).toBeCloseTo(0.5, 12); // (0 + 2) / 2 × 0.5 h
    expect(second).toBeCloseTo(1.5, 12); // (2 + 4) / 2 × 0.5 h
    expect(third).toBe(0);
    expect(energyInRangeKwh(readings, 2700, 4500)).toBeCloseTo(1, 12); // 1 kW → 3 kW over half an hour
  });
});
