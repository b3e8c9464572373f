import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAOS_SCENARIOS, chaosTable, storedReadings, type ChaosResult, type ChaosRig } from '../../tools/chaos.js';
import { faultInjector } from '../../local/dynamodb-faults.js';
import { documentClient } from '../../shared/runtime.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { freshTables } from '../support/tables.js';

/**
 * The chaos scenarios of `npm run chaos`, in the test suite, one test each, in their order: 10,000 readings in 200
 * batches by 20 concurrent clients that retry any non-200 (up to 10 tries), under throttle:0.2,reset:0.05 and
 * throttle:0.5; a handler dying half-way through a large batch, then the retry; reads under faults.
 */
describe('faults injected into DynamoDB, survived with nothing lost', () => {
  let server: RunningServer;
  let rig: ChaosRig;
  const rows: ChaosResult[] = [];
  /** The scenario's row of the table, run on the rig. */
  const run = async (name: string) => {
    const result = await CHAOS_SCENARIOS.find((scenario) => scenario.name === name)!.run(rig);
    rows.push(result);
    return result;
  };

  beforeAll(async () => {
    const tables = await freshTables();
    const spec = { throttle: 0, reset: 0, latency: 0 };
    const injector = faultInjector(spec);
    documentClient().middlewareStack.use(injector.plugin);
    server = await startLocalServer();
    rig = { base: server.base, spec, counts: injector.counts, verify: storedReadings(createDocumentClient(), tables.readings) };
  });
  afterAll(async () => {
    console.log(chaosTable(rows));
    documentClient().middlewareStack.remove('injectDynamoDbFaults');
    await server?.close();
  });

  it('runs every scenario of `npm run chaos`, in its order', () => {
    expect(CHAOS_SCENARIOS.map((scenario) => scenario.name)).toEqual(['throttle:0.2,reset:0.05', 'throttle:0.5', 'handler dies after 100 hour writes, then retry', 'reads under throttle:0.2,reset:0.05']);
  });

  for (const name of ['throttle:0.2,reset:0.05', 'throttle:0.5']) {
    it(`stores every reading exactly once with its value under ${name}, answering only 200 or 503 + Retry-After`, async () => {
      const row = await run(name);
      expect(row).toMatchObject({ sent: 10_000, found: 10_000, lost: 0, duplicated: 0, wrong: 0, otherFailures: 0 });
      expect(row.injected).toBeGreaterThan(100); // faults really happened
    });
  }

  it('completes a batch whose handler died half-way, on the retry, with nothing stored twice', async () => {
    // The handler really died part-way: its batch was not acknowledged, some hours (not all) were stored, and the
    // retry completed it.
    const crash = await run('handler dies after 100 hour writes, then retry');
    expect(crash).toMatchObject({ sent: 30_000, found: 30_000, lost: 0, duplicated: 0, wrong: 0, ok: 1 });
    expect(crash.injected).toBeGreaterThan(0);
    expect(crash.partial).toBeGreaterThan(0);
    expect(crash.partial).toBeLessThan(30_000);
    expect(crash.otherFailures).toBe(1); // the dying attempt: a 500, not an acknowledgement
  });

  it('answers reads under faults, never with wrong data, and with the SDK retries nearly always at once', async () => {
    const reads = await run('reads under throttle:0.2,reset:0.05');
    expect(reads).toMatchObject({ wrong: 0, otherFailures: 0 });
    expect(reads.injected).toBeGreaterThan(0);
    expect(reads.ok).toBeGreaterThanOrEqual(0.95 * reads.requests);
    expect(server.lines.filter((l) => / 200 /.test(l)).length).toBeGreaterThan(400);
  });
});
