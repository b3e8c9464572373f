import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendBatches } from '../../local/import-readings.js';

/** A port nothing listens on: taken, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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
