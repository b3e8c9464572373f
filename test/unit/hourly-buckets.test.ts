import { describe, expect, it } from 'vitest';
import { groupByBucket, readingsOfItem } from '../../shared/storage/dynamodb/hourly-buckets.js';

describe('hourly bucket layout', () => {
  it('puts 15 minute readings of one hour into one item and a straddling batch into two', () => {
    const hour = 1606636800;
    const aligned = Array.from({ length: 15 }, (_, i) => ({ time: hour + i * 60, reading: i }));
    expect(groupByBucket(aligned).size).toBe(1);
    const straddling = aligned.map((r) => ({ ...r, time: r.time + 3000 }));
    expect(groupByBucket(straddling).size).toBe(2);
  });

  it('round-trips readings through item attributes, last value for an instant winning', () => {
    const readings = [
      { time: 7200, reading: 1 },
      { time: 10799, reading: 2 },
      { time: 7200, reading: 3 },
    ];
    const buckets = groupByBucket(readings);
    expect([...buckets.keys()]).toEqual([7200]);
    const item = { smartMeterId: 'm', bucketStart: 7200, ...Object.fromEntries(buckets.get(7200)!) };
    expect(readingsOfItem(item).sort((a, b) => a.time - b.time)).toEqual([
      { time: 7200, reading: 3 },
      { time: 10799, reading: 2 },
    ]);
  });
});
