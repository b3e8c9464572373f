import { describe, expect, it } from 'vitest';
import { calendarBuckets, countCalendarBuckets, relativePeriodSpan, unitStart } from '../../shared/domain/calendar.js';
import { isTimeZone } from '../../shared/domain/time.js';

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
