import { describe, expect, it } from 'vitest';
import { readingsBetween, roundReading } from '../../shared/domain/readings.js';

describe('readings at the stored resolution (1 mW)', () => {
  it('rounds on the decimal a client sent, half to even at 6 places', () => {
    expect(roundReading(0.1 + 0.02)).toBe(0.12); // 0.12000000000000001
    expect(roundReading(0.1234565)).toBe(0.123456); // a tie: to the even milliwatt
    expect(roundReading(0.1234575)).toBe(0.123458);
    expect(roundReading(0.12345651)).toBe(0.123457); // past the tie: up
    expect(roundReading(12.3456785)).toBe(12.345678);
    expect(roundReading(999.9999995)).toBe(1000);
  });

  it('rounds what is below half a milliwatt to 0, and leaves values already at the resolution alone', () => {
    for (const tiny of [5e-324, 1e-200, 4e-7, 5e-7]) expect(roundReading(tiny)).toBe(0);
    expect(roundReading(6e-7)).toBe(0.000001);
    expect(roundReading(0.0000015)).toBe(0.000002);
    for (const exact of [0, 0.000001, 0.0503, 123.456789, 1000]) expect(roundReading(exact)).toBe(exact);
  });
});

describe('readings between two instants', () => {
  const at = (...times: number[]) => times.map((time) => ({ time, reading: 1 }));
  const sorted = at(10, 20, 20.5, 30, 40);

  it('keeps both ends, off-integer times included, and nothing outside them', () => {
    expect(readingsBetween(sorted, 20, 30).map((r) => r.time)).toEqual([20, 20.5, 30]);
    expect(readingsBetween(sorted, 20.25, 29.9).map((r) => r.time)).toEqual([20.5]);
    expect(readingsBetween(sorted, 0, 100).map((r) => r.time)).toEqual([10, 20, 20.5, 30, 40]);
  });

  it('is empty before, after and between the readings, and over none', () => {
    expect(readingsBetween(sorted, 0, 9)).toEqual([]);
    expect(readingsBetween(sorted, 41, 50)).toEqual([]);
    expect(readingsBetween(sorted, 21, 29)).toEqual([]);
    expect(readingsBetween([], 0, 100)).toEqual([]);
  });
});
