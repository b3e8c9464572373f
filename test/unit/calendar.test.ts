import { describe, expect, it } from 'vitest';
import { calendarBuckets, countCalendarBuckets, nextUnitStart, offsetAt, relativePeriodSpan, unitStart } from '../../shared/domain/calendar.js';
import { isTimeZone } from '../../shared/domain/time.js';

const utc = (iso: string) => Date.parse(iso) / 1000;

/** A zone's offset (seconds east of UTC) as Intl names it, worked out here, not by the product's code. */
function intlOffsets(timeZone: string): (t: number) => number {
  const formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return (t: number) => {
    const name = formatter.formatToParts(new Date(t * 1000)).find((p) => p.type === 'timeZoneName')!.value; // GMT+05:45
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  };
}

/** Every instant in 2026 when a zone's clocks went back (found day by day, then to the second). */
function backwardChanges(timeZone: string): number[] {
  const offsetAt = intlOffsets(timeZone);
  const changes: number[] = [];
  for (let day = utc('2026-01-01T00:00:00Z'); day < utc('2027-01-01T00:00:00Z'); day += 86_400) {
    if (offsetAt(day + 86_400) >= offsetAt(day)) continue;
    let [low, high] = [day, day + 86_400]; // offset(low) > offset(high): the change lies in (low, high]
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (offsetAt(mid) === offsetAt(day)) low = mid;
      else high = mid;
    }
    changes.push(high);
  }
  return changes;
}

/** Buckets that tile the span: no gap, no overlap, none empty. */
function expectTiling(buckets: { from: number; to: number }[], span: { from: number; to: number }, label: string) {
  expect(buckets.length, label).toBeGreaterThan(0);
  expect(buckets[0]!.from, label).toBe(span.from);
  expect(buckets.at(-1)!.to, label).toBe(span.to);
  buckets.forEach((b, i) => {
    expect(b.to, label).toBeGreaterThan(b.from);
    if (i > 0) expect(b.from, label).toBe(buckets[i - 1]!.to);
  });
}

describe('calendar buckets', () => {
  it('never loses the repeated hour when clocks go back, in any zone the API accepts (#33)', () => {
    // London, 2026-10-25: 01:00–02:00 happens twice (00:00Z–01:00Z in BST, then 01:00Z–02:00Z in GMT).
    const from = utc('2026-10-25T00:15:00Z');
    expect(calendarBuckets({ from, to: utc('2026-10-25T01:00:00Z') }, 'hour', 'Europe/London')).toEqual([{ from, to: utc('2026-10-25T01:00:00Z') }]);
    expect(unitStart(from, 'hour', 'Europe/London')).toBe(utc('2026-10-25T00:00:00Z'));
    expect(unitStart(utc('2026-10-25T01:15:00Z'), 'hour', 'Europe/London')).toBe(utc('2026-10-25T01:00:00Z'));
    let zonesChecked = 0;
    for (const timeZone of Intl.supportedValuesOf('timeZone').filter(isTimeZone)) {
      for (const change of backwardChanges(timeZone)) {
        zonesChecked++;
        // A span starting in the first occurrence of the repeated wall time, hour by hour and day by day.
        for (const unit of ['hour', 'day'] as const) {
          for (const lead of [60, 15 * 60, 45 * 60]) {
            const span = { from: change - lead, to: change + 3 * 3600 };
            const buckets = calendarBuckets(span, unit, timeZone);
            expectTiling(buckets, span, `${timeZone} ${unit} from ${lead} s before the change at ${new Date(change * 1000).toISOString()}`);
            for (const b of buckets) expect(unitStart(b.from, unit, timeZone), timeZone).toBeLessThanOrEqual(b.from);
          }
        }
        // The whole local day: its hours tile it exactly as the day does.
        const day = { from: unitStart(change, 'day', timeZone), to: nextUnitStart(unitStart(change, 'day', timeZone), 'day', timeZone) };
        expect(day.from, timeZone).toBeLessThanOrEqual(change);
        expectTiling(calendarBuckets(day, 'hour', timeZone), day, `${timeZone} hours of the day of ${new Date(change * 1000).toISOString()}`);
      }
    }
    expect(zonesChecked).toBeGreaterThan(50); // London, New York, Sydney, Havana (midnight), Lord Howe (30 min), Troll (2 h) among them
  });

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

  it("keeps offsets by the hour yet gives the zone's own offset at every minute of 2026's clock-change days, asked twice", () => {
    // London's hour changes, Lord Howe's half hour, Chatham's change at :45 local, St John's at -03:30.
    for (const timeZone of ['Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns']) {
      const expected = intlOffsets(timeZone);
      let days = 0;
      for (let day = utc('2026-01-01T00:00:00Z'); day < utc('2027-01-01T00:00:00Z'); day += 86_400) {
        if (expected(day) === expected(day + 86_400)) continue;
        days++;
        for (const pass of ['first', 'kept']) {
          const wrong = [];
          for (let t = day; t <= day + 86_400; t += 60) if (offsetAt(t, timeZone) !== expected(t)) wrong.push(t);
          for (const t of [day + 86_399, day + 3600.5]) if (offsetAt(t, timeZone) !== expected(Math.floor(t))) wrong.push(t);
          expect(wrong, `${timeZone} ${pass}`).toEqual([]);
        }
      }
      expect(days, timeZone).toBe(2);
    }
  });

  it('knows every time zone name the runtime accepts, aliases included', () => {
    for (const zone of ['Europe/London', 'Asia/Kolkata', 'Europe/Kyiv', 'Etc/UTC', 'GMT', 'America/Argentina/Buenos_Aires']) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
