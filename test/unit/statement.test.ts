import { describe, expect, it } from 'vitest';
import { batchesOf, parseReadingsCsv, readingsOfHalfHours } from '../../cli/import-readings.js';
import { energyPerPeriodKwh } from '../../shared/domain/energy.js';
import { localTimeParameters } from '../../shared/domain/green-button.js';
import { clockChangesOfYear } from '../../shared/domain/calendar.js';
import { roundHalfEven, standingChargePart, statementLine, statementTotals } from '../../shared/domain/statement.js';
import { cutAtHalfHours, gapsOf } from '../../shared/domain/time.js';

describe('statement arithmetic (decimal, half-even)', () => {
  it('rounds half to even, in decimal: 0.0125 → 0.012, 2.345 → 2.34, 2.355 → 2.36', () => {
    expect(roundHalfEven(0.0125, 3).toString()).toBe('0.012');
    expect(roundHalfEven(2.345, 2).toString()).toBe('2.34');
    expect(roundHalfEven(2.355, 2).toString()).toBe('2.36');
    expect(roundHalfEven('0.5', 0).toString()).toBe('0');
    expect(roundHalfEven('1.5', 0).toString()).toBe('2');
  });

  it('rounds a line\'s kWh first, then prices the rounded kWh', () => {
    // 0.12345 kWh → 0.123 (half-even at the 4th place is below half); 0.123 × 24.5 = 3.0135 → 3.01.
    expect(statementLine({ from: 0, to: 1800, pricePlanId: 'p', unitRate: 24.5 }, 0.12345)).toEqual({ from: 0, to: 1800, pricePlanId: 'p', unitRate: 24.5, kWh: 0.123, cost: 3.01 });
    // 0.1 + 0.2 in binary is 0.30000000000000004: still 0.3 kWh, × 0.1 = 0.03 exactly.
    expect(statementLine({ from: 0, to: 1800, pricePlanId: 'p', unitRate: 0.1 }, 0.1 + 0.2).cost).toBe(0.03);
  });

  it('prorates standing charges to the second and reconciles: lines + parts = net; total = round(net + vat)', () => {
    const part = standingChargePart({ pricePlanId: 'p', from: 0, to: 31 * 86_400, ratePerDay: 53.35 });
    expect(part).toMatchObject({ days: 31, cost: 1653.85 });
    expect(standingChargePart({ pricePlanId: 'p', from: 0, to: 43_200, ratePerDay: 53.35 }).cost).toBe(26.68); // 26.675 → 26.68 (half-even)
    const lines = [0.3, 0.7, 1.1].map((kWh, i) => statementLine({ from: i * 1800, to: (i + 1) * 1800, pricePlanId: 'p', unitRate: 24.5 }, kWh));
    const totals = statementTotals(lines, [part], 0.05);
    expect(lines.map((l) => l.cost)).toEqual([7.35, 17.15, 26.95]);
    expect(totals.energyCost).toBe(51.45);
    expect(totals.net).toBe(1705.3);
    expect(totals.vat).toBe(85.26); // 1705.3 × 0.05 = 85.265 → half-even → 85.26
    expect(totals.total).toBe(1791); // 1790.56 → 1791
    expect(totals.energyCost + totals.standingCharge).toBe(totals.net);
  });

  it('cuts stretches at half-hour edges and lists the gaps of a span', () => {
    expect(cutAtHalfHours([{ from: 1700, to: 3700, rate: 1 }])).toEqual([{ from: 1700, to: 1800, rate: 1 }, { from: 1800, to: 3600, rate: 1 }, { from: 3600, to: 3700, rate: 1 }]);
    expect(gapsOf({ from: 0, to: 100 }, [{ from: 10, to: 20 }, { from: 20, to: 50 }, { from: 70, to: 120 }])).toEqual([{ from: 0, to: 10 }, { from: 50, to: 70 }]);
    expect(gapsOf({ from: 0, to: 100 }, [])).toEqual([{ from: 0, to: 100 }]);
  });
});

describe('Green Button local time parameters', () => {
  it("encodes London's rules (last Sunday of March 01:00 GMT, of October 02:00 BST) and a zone without daylight saving", () => {
    expect(localTimeParameters('Europe/London', 2026)).toEqual({ dstStartRule: '3E0E1000', dstEndRule: 'AE0E2000', dstOffset: 3600, tzOffset: 0 });
    expect(localTimeParameters('Asia/Kolkata', 2026)).toEqual({ dstStartRule: 'FFFFFFFF', dstEndRule: 'FFFFFFFF', dstOffset: 0, tzOffset: 19_800 });
  });

  it('encodes every zone the API accepts from its own clock changes, never 0xFFFFFFFF beside a daylight-saving offset (#33.16)', () => {
    expect(localTimeParameters('America/New_York', 2026)).toEqual({ dstStartRule: '360E2000', dstEndRule: 'B40E2000', dstOffset: 3600, tzOffset: -18_000 });
    expect(localTimeParameters('Australia/Sydney', 2026)).toEqual({ dstStartRule: 'A40E2000', dstEndRule: '440E3000', dstOffset: 3600, tzOffset: 36_000 });
    /** The wall-clock instant (as UTC fields) a rule names in a year. */
    const decode = (hex: string, year: number) => {
      const n = parseInt(hex, 16);
      const [month, operator, weekday, day, hour, seconds] = [n >>> 28, (n >>> 25) & 7, (n >>> 17) & 7, (n >>> 20) & 31, (n >>> 12) & 31, n & 0xfff];
      const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const weekdayOf = (d: number) => ((new Date(Date.UTC(year, month - 1, d)).getUTCDay() + 6) % 7) + 1;
      const candidates = Array.from({ length: daysInMonth }, (_, i) => i + 1).filter((d) => weekdayOf(d) === weekday);
      const date = operator === 0 ? day : operator === 7 ? candidates.at(-1)! : candidates[operator - 2]!;
      return Date.UTC(year, month - 1, date) / 1000 + hour * 3600 + seconds;
    };
    let encoded = 0;
    for (const timeZone of Intl.supportedValuesOf('timeZone')) {
      let ltp: ReturnType<typeof localTimeParameters>;
      try {
        ltp = localTimeParameters(timeZone, 2026);
      } catch (error) {
        expect((error as Error).message).toContain(`tz ${timeZone}: its clocks changed in 2026`); // refused, naming it
        continue;
      }
      if (ltp.dstOffset === 0) {
        expect(ltp.dstStartRule + ltp.dstEndRule, timeZone).toBe('FFFFFFFFFFFFFFFF');
        continue;
      }
      encoded++;
      const changes = clockChangesOfYear(timeZone, 2026);
      const start = changes.find((c) => c.after > c.before)!;
      const end = changes.find((c) => c.after < c.before)!;
      expect(decode(ltp.dstStartRule, 2026), `${timeZone} start`).toBe(start.at + start.before);
      expect(decode(ltp.dstEndRule, 2026), `${timeZone} end`).toBe(end.at + end.before);
      expect(ltp.tzOffset + ltp.dstOffset, timeZone).toBe(start.after);
    }
    expect(encoded).toBeGreaterThan(50);
  });
});

describe('the import tool\'s reading of files', () => {
  it('turns half-hour kWh into readings that reproduce each half hour exactly, never negative', () => {
    const readings = readingsOfHalfHours([{ from: 0, to: 1800, kWh: 0.123 }, { from: 1800, to: 3600, kWh: 0.5 }, { from: 7200, to: 9000, kWh: 0 }]);
    expect(readings).toEqual([
      { time: 0, reading: 0 }, { time: 900, reading: 0.492 }, { time: 1800, reading: 0 }, { time: 2700, reading: 2 }, { time: 3600, reading: 0 },
      { time: 7200, reading: 0 }, { time: 8100, reading: 0 }, { time: 9000, reading: 0 },
    ]);
    expect(energyPerPeriodKwh(readings, [{ from: 0, to: 1800 }, { from: 1800, to: 3600 }], 3600).map((e) => Math.round(e * 1e9) / 1e9)).toEqual([0.123, 0.5]);
  });

  it('reads both formats (epoch or ISO times), refuses anything else naming the line, and batches by distinct hours', () => {
    expect(parseReadingsCsv('time,reading\n1700000060,1.5\r\n2023-11-14T22:13:20Z,0.5\n')).toEqual([{ time: 1700000000, reading: 0.5 }, { time: 1700000060, reading: 1.5 }]);
    expect(() => parseReadingsCsv('when,what\n1,2')).toThrow('the header must be');
    expect(() => parseReadingsCsv('time,reading\nyesterday,1')).toThrow("line 2: 'yesterday' is neither epoch seconds nor a valid ISO 8601 date or time");
    const minutes = Array.from({ length: 240 }, (_, i) => ({ time: i * 60, reading: 1 }));
    expect(batchesOf(minutes, 2).map((b) => b.length)).toEqual([120, 120]);
  });
});
