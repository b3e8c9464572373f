import { freePort as deadPort, portRange } from '../../local/dynamodb-local.js';
import { describe, expect, it } from 'vitest';
import { sendBatches } from '../../cli/import-readings.js';


describe('npm run import against an API that does not answer (#33.18)', () => {
  it('reports the batches as not delivered (never "refused"), and stops sending once nothing answers', async () => {
    const batches = Array.from({ length: 20 }, (_, i) => [{ time: 1_700_000_000 + i * 3600, reading: 1 }]);
    const summary = await sendBatches({ api: `http://127.0.0.1:${await deadPort()}`, smartMeterId: 'm', batches, concurrency: 2, attempts: 2 });
    expect(summary.refused).toEqual([]);
    expect(summary.stored).toBe(0);
    expect(summary.failed.map((f) => f.batch).sort((a, b) => a - b)).toEqual(batches.map((_, i) => i));
    expect(summary.failed.every((f) => f.status === 0)).toBe(true);
    expect(summary.retries).toBeLessThanOrEqual(4); // two workers, one retry each: the other 18 batches were never sent
  });
});

describe('PORT_RANGE confines every port the runtime and the tests take (#33.22)', () => {
  it('takes only ports inside it, and refuses a malformed range naming the variable', async () => {
    const before = process.env.PORT_RANGE;
    try {
      process.env.PORT_RANGE = '41000-41019';
      const ports = await Promise.all(Array.from({ length: 5 }, () => deadPort()));
      for (const port of ports) expect(port >= 41000 && port <= 41019, String(port)).toBe(true);
      for (const bad of ['41000', '500-600', '42000-41000', '41000-70000', 'a-b']) {
        expect(() => portRange({ PORT_RANGE: bad })).toThrow(`PORT_RANGE must be LOW-HIGH`);
      }
      expect(portRange({})).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.PORT_RANGE;
      else process.env.PORT_RANGE = before;
    }
  });
});
