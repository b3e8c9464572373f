import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../shared/http/csv.js';

describe('CSV cells (every CSV the product writes)', () => {
  it('prefixes text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(['-1-1', '=1+1', '+x', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'-1-1", "'=1+1", "'+x", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect([-4.5, '-4.500', '12', 0, 'flat', '2026-01-01T00:00:00Z'].map(csvCell)).toEqual(['-4.5', '-4.500', '12', '0', 'flat', '2026-01-01T00:00:00Z']);
  });

  it('quotes cells with commas, quotes or line breaks, and ends every row with CRLF', () => {
    expect(csvDocument([['a,b', 'say "hi"', 'x\ny'], [1, 2, 3]])).toBe('"a,b","say ""hi""","x\ny"\r\n1,2,3\r\n');
  });
});
