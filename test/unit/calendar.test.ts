import { describe, expect, it } from 'vitest';
import { calendarBuckets, countCalendarBuckets, relativePeriodSpan, unitStart } from '../../shared/domain/calendar.js';
import { isTimeZone } from '../../shared/domain/time.js';
import { energyInRangeKwh, energyPerPeriodKwh } from '../../shared/domain/energy.js';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('calendar buckets', () => {
  it("gives Europe/London's spring-forward day 23 hourly periods and the autumn one 25", () => {
    const spring = { from: utc('2024-03-31T00:00:00Z'), to: utc('2024-03-31T23:00:00Z') }; // local midnight to midnight
    expect(calendarBuckets(spring, 'hour', 'Europe/London')).toHaveLength(23);
    const autumn = { from: utc('2024-10-26T23:00:00Z'), to: utc('2024-10-28T00:00:00Z') };
    expect(calendarBuckets(autumn, 'hour', 'Europe/London')).toHaveLength(25);
    const days = calendarBuckets({ from: utc('2024-03-30T00:00:00Z'), to: utc('2024-04-02T00:00:00Z') }, 'day', 'Europe/London');
    expect(days.map((d) => (d.to - d.from) / 3600)).toEqual([24, 23, 24, 1]); // last one clipped at 01:00 local
  });

  it('aligns days to local midnight, weeks to Monday and months to the 1st, clipping the ends', () => {
    const range = { from: utc('2024-01-10T12:00:00Z'), to: utc('2024-02-20T00:00:00Z') };
    const weeks = calendarBuckets(range, 'week', 'UTC');
    expect(weeks[0]).toEqual({ from: range.from, to: utc('2024-01-15T00:00:00Z') }); // Monday
    expect(weeks[1]).toEqual({ from: utc('2024-01-15T00:00:00Z'), to: utc('2024-01-22T00:00:00Z') });
    const months = calendarBuckets(range, 'month', 'UTC');
    expect(months).toEqual([
      { from: range.from, to: utc('2024-02-01T00:00:00Z') },
      { from: utc('2024-02-01T00:00:00Z'), to: range.to },
    ]);
    expect(unitStart(utc('2024-07-01T23:30:00Z'), 'day', 'Europe/London')).toBe(utc('2024-07-01T23:00:00Z'));
  });

  it('counts buckets without building them, stopping one past the limit', () => {
    expect(countCalendarBuckets({ from: 0, to: 86_400 * 30 }, 'hour', 'UTC', 100)).toBe(101);
    expect(countCalendarBuckets({ from: 0, to: 86_400 * 30 }, 'day', 'UTC', 100)).toBe(30);
  });

  it('resolves last-week and last-7-days at a fixed instant', () => {
    const thursday = utc('2024-04-04T15:00:00Z'); // BST: local 16:00
    expect(relativePeriodSpan('last-week', thursday, 'Europe/London')).toEqual({ from: utc('2024-03-25T00:00:00Z'), to: utc('2024-03-31T23:00:00Z') });
    // 28 March was still GMT: the seven local days span 167 hours.
    expect(relativePeriodSpan('last-7-days', thursday, 'Europe/London')).toEqual({ from: utc('2024-03-28T00:00:00Z'), to: utc('2024-04-03T23:00:00Z') });
  });

  it('knows every time zone name the runtime accepts, aliases included', () => {
    for (const zone of ['Europe/London', 'Asia/Kolkata', 'Europe/Kyiv', 'Etc/UTC', 'GMT', 'America/Argentina/Buenos_Aires']) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
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
