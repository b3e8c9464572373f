import { describe, expect, it } from 'vitest';
import { GasEnergy } from '../../shared/domain/energy-source.js';
import { cubicMetres, kWhOfGas } from '../../shared/domain/gas.js';

const DAY = 1_767_225_600; // 2026-01-01T00:00Z

describe('gas: volume to energy by calorific value (#37)', () => {
  it('converts 100 m³ at CV 39.5 to 1,122.063 kWh', () => {
    // 100 × 1.02264 = 102.264; × 39.5 = 4,039.428 MJ; ÷ 3.6 = 1,122.0633… kWh.
    expect(kWhOfGas(100, 39.5)).toBeCloseTo(1122.063, 3);
  });

  it('converts an imperial unit (100 ft³) to 2.83 m³ first: 31.754 kWh at CV 39.5', () => {
    // 1 × 2.83 = 2.83 m³; × 1.02264 = 2.8940712; × 39.5 = 114.3158124 MJ; ÷ 3.6 = 31.7543923 kWh.
    expect(cubicMetres(1, 'imperial')).toBe(2.83);
    expect(kWhOfGas(cubicMetres(1, 'imperial'), 39.5)).toBeCloseTo(31.754, 3);
    expect(cubicMetres(1, 'metric')).toBe(1);
  });

  it('converts each day at its own value and leaves a day without one unconverted, never guessed', async () => {
    // 2 m³ in each of two half hours on day 1 (CV 39.5) and 1 m³ on day 2 (no value published).
    const source = new GasEnergy([{ start: DAY, kWh: 2 }, { start: DAY + 1800, kWh: 2 }, { start: DAY + 86_400, kWh: 1 }], 'metric', new Map([[DAY, 39.5]]), DAY + 3 * 86_400);
    const days = [{ from: DAY, to: DAY + 86_400 }, { from: DAY + 86_400, to: DAY + 2 * 86_400 }];
    const [energy] = await source.energy([days]);
    // Day 1: 4 m³ × 1.02264 × 39.5 ÷ 3.6 = 44.882533… kWh; day 2: nothing converted.
    expect(energy![0]).toBeCloseTo(44.882533, 6);
    expect(energy![1]).toBe(0);
    expect(await source.unconverted([days])).toEqual([[0, 1]]);
    expect(await source.volume([days])).toEqual([[4, 1]]);
    // Every half hour with a volume counts as data, converted or not.
    expect(source.energySpans()).toEqual([{ from: DAY, to: DAY + 3600 }, { from: DAY + 86_400, to: DAY + 86_400 + 1800 }]);
  });
});
