import { describe, expect, it } from 'vitest';
import { chaosTable, runChaos, storedReadings } from '../../tools/chaos.js';
import { faultInjector } from '../../local/dynamodb-faults.js';
import { documentClient } from '../../shared/runtime.js';
import { startLocalServer } from '../support/local-server.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { freshTables } from '../support/tables.js';

/**
 * The chaos scenarios of `npm run chaos`, in the test suite: 10,000 readings in 200 batches by 20 concurrent clients
 * that retry any non-200 (up to 10 tries), under throttle:0.2,reset:0.05 and throttle:0.5; a handler dying half-way
 * through a large batch, then the retry; reads under faults.
 */
describe('faults injected into DynamoDB, survived with nothing lost', () => {
  it('stores every reading exactly once with its value, answers only 200 or 503 + Retry-After, and never wrong data', async () => {
    const tables = await freshTables();
    const spec = { throttle: 0, reset: 0, latency: 0 };
    const injector = faultInjector(spec);
    documentClient().middlewareStack.use(injector.plugin);
    const server = await startLocalServer();
    try {
      const rows = await runChaos({ base: server.base, spec, counts: injector.counts, verify: storedReadings(createDocumentClient(), tables.readings) });
      console.log(chaosTable(rows));
      const [light, heavy, crash, reads] = rows;
      for (const row of [light!, heavy!]) {
        expect(row, row.scenario).toMatchObject({ sent: 10_000, found: 10_000, lost: 0, duplicated: 0, wrong: 0, otherFailures: 0 });
        expect(row.injected, row.scenario).toBeGreaterThan(100); // faults really happened
      }
      // The handler really died part-way: its batch was not acknowledged, some hours (not all) were stored, and the
      // retry completed it, with nothing stored twice.
      expect(crash).toMatchObject({ sent: 30_000, found: 30_000, lost: 0, duplicated: 0, wrong: 0, ok: 1 });
      expect(crash!.injected).toBeGreaterThan(0);
      expect(crash!.partial).toBeGreaterThan(0);
      expect(crash!.partial).toBeLessThan(30_000);
      expect(crash!.otherFailures).toBe(1); // the dying attempt: a 500, not an acknowledgement
      // Reads under faults: answered, right, and with the SDK's retries nearly always at once.
      expect(reads).toMatchObject({ wrong: 0, otherFailures: 0 });
      expect(reads!.injected).toBeGreaterThan(0);
      expect(reads!.ok).toBeGreaterThanOrEqual(0.95 * reads!.requests);
      expect(server.lines.filter((l) => / 200 /.test(l)).length).toBeGreaterThan(400);
    } finally {
      documentClient().middlewareStack.remove('injectDynamoDbFaults');
      await server.close();
    }
  }, 120_000);
});
