import { describe, expect, it } from 'vitest';
import { toEpoch } from '../../cli/import-readings.js';
import { parseIsoInstant } from '../../shared/domain/time.js';

describe('ISO 8601 times in (#33.8): impossible dates are refused, never rolled over', () => {
  it('reads dates and date-times, UTC unless a zone is given', () => {
    expect(parseIsoInstant('2026-12-01')).toBe(Date.parse('2026-12-01T00:00:00Z') / 1000);
    expect(parseIsoInstant('2026-10-25T01:15:00+01:00')).toBe(Date.parse('2026-10-25T00:15:00Z') / 1000);
    expect(parseIsoInstant('2028-02-29T23:59:59.5Z')).toBe(Date.parse('2028-02-29T23:59:59Z') / 1000);
    expect(parseIsoInstant('2026-06-01 12:30')).toBe(Date.parse('2026-06-01T12:30:00Z') / 1000);
  });

  it.each(['2026-11-31', '2026-02-29', '2026-13-01', '2026-00-10', '2026-10-25T24:30', '2026-10-25T10:60', '2026-10-25T10:00:61Z', '2026-10-25T10:00+25:00', 'tomorrow', '1 Dec 2026'])('refuses %s', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
    expect(() => toEpoch(text, '--from')).toThrow(`--from: '${text}' is neither epoch seconds nor a valid ISO 8601 date or time`);
  });

  it('takes epoch seconds as they are (the CLI options and the import files)', () => {
    expect(toEpoch(' 1796083200 ', 'line 2')).toBe(1_796_083_200);
  });
});
