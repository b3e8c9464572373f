import type { Reading } from '../shared/domain/readings.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bucketStartOf, readingsOfItem } from '../shared/storage/dynamodb/hourly-buckets.js';
import { queryPages } from '../shared/storage/dynamodb/query-pages.js';
import { READINGS_PARTITION_KEY, READINGS_SORT_KEY } from '../shared/storage/dynamodb/table-layout.js';
import type { FaultCounts } from '../local/dynamodb-faults.js';

/** One row of the chaos table. */
export interface ChaosResult {
  scenario: string;
  requests: number;
  injected: number;
  /** Client retries (requests beyond the first try of each batch). */
  retries: number;
  status503: number;
  /** Answers 200. */
  ok: number;
  /** Failed attempts that were not a 503 with Retry-After (must be 0). */
  otherFailures: number;
  sent: number;
  found: number;
  lost: number;
  /** Times stored more than once, counted in the stored items before any read removes repeats (must be 0). */
  duplicated: number;
  /** Readings found with another value than the one sent (must be 0). */
  wrong: number;
  /** The crash scenario: readings stored when the handler died, before the client's retry. */
  partial?: number;
}

export interface ChaosLoad {
  base: string;
  smartMeterId: string;
  clients: number;
  batchesPerClient: number;
  readingsPerBatch: number;
  /** Tries per batch, the first included; a client retries any non-200. */
  maxTries: number;
  /** First reading's time; readings are a minute apart, batch after batch. */
  start: number;
  headers?: Record<string, string>;
}

/**
 * Clients that send batches concurrently and retry any non-200 (up to maxTries), then a fault-free read of what was
 * stored: every reading must be there once, with its value.
 */
export async function sendUnderFaults(
  scenario: string,
  load: ChaosLoad,
  counts: FaultCounts,
  verify: ChaosRig['verify'],
): Promise<ChaosResult> {
  const injectedBefore = injectedSoFar(counts);
  const sent: Reading[] = [];
  const batches: Reading[][] = [];
  for (let b = 0; b < load.clients * load.batchesPerClient; b++) {
    const batch = Array.from({ length: load.readingsPerBatch }, (_, i) => {
      const index = b * load.readingsPerBatch + i;
      return { time: load.start + index * 60, reading: Math.round((0.1 + ((index * 7919) % 1000) / 1000) * 1000) / 1000 };
    });
    batches.push(batch);
    sent.push(...batch);
  }
  let requests = 0;
  let status503 = 0;
  let ok = 0;
  let otherFailures = 0;
  let next = 0;
  const client = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      for (let attempt = 1; attempt <= load.maxTries; attempt++) {
        requests++;
        const response = await fetch(`${load.base}/readings/store`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...load.headers },
          body: JSON.stringify({ smartMeterId: load.smartMeterId, electricityReadings: batch }),
        });
        await response.arrayBuffer();
        if (response.status === 200) {
          ok++;
          break;
        }
        if (response.status === 503 && response.headers.get('retry-after')) status503++;
        else otherFailures++;
      }
    }
  };
  await Promise.all(Array.from({ length: load.clients }, client));
  const stored = await verify.storedReadings(load.smartMeterId, { from: load.start, to: load.start + sent.length * 60 });
  const byTime = new Map<number, number[]>();
  for (const r of stored) byTime.set(r.time, [...(byTime.get(r.time) ?? []), r.reading]);
  let lost = 0;
  let duplicated = 0;
  let wrong = 0;
  for (const r of sent) {
    const values = byTime.get(r.time) ?? [];
    if (values.length === 0) lost++;
    if (values.length > 1) duplicated += values.length - 1;
    if (values.length > 0 && values[0] !== r.reading) wrong++;
  }
  return {
    scenario,
    requests,
    injected: injectedSoFar(counts) - injectedBefore,
    retries: requests - batches.length,
    status503,
    ok,
    otherFailures,
    sent: sent.length,
    found: byTime.size,
    lost,
    duplicated,
    wrong,
  };
}

/** The chaos table, printed. */
export function chaosTable(rows: readonly ChaosResult[]): string {
  const headers = ['scenario', 'requests', 'injected faults', 'retries', '503s', 'other failures', 'readings sent', 'readings found', 'lost', 'duplicated', 'wrong value'];
  const cells = [headers, ...rows.map((r) => [r.scenario, r.requests, r.injected, r.retries, r.status503, r.otherFailures, r.sent, r.found, r.lost, r.duplicated, r.wrong].map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => '| ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ') + ' |';
  return [line(headers), '|' + widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|') + '|', ...cells.slice(1).map(line)].join('\n');
}

const injectedSoFar = (counts: FaultCounts) => counts.throttle + counts.resetBefore + counts.resetAfter + counts.crashed;

/** Reads under faults: each answer is the fault-free one or a 503 with Retry-After, never wrong data. */
export async function readUnderFaults(scenario: string, base: string, paths: readonly string[], repeats: number, counts: FaultCounts, expected: Map<string, string>): Promise<ChaosResult> {
  const injectedBefore = injectedSoFar(counts);
  let requests = 0;
  let status503 = 0;
  let ok = 0;
  let otherFailures = 0;
  let wrong = 0;
  for (let i = 0; i < repeats; i++) {
    await Promise.all(
      paths.map(async (path) => {
        requests++;
        const response = await fetch(base + path);
        const body = await response.text();
        if (response.status === 200) {
          ok++;
          wrong += body === expected.get(path) ? 0 : 1;
        }
        else if (response.status === 503 && response.headers.get('retry-after')) status503++;
        else otherFailures++;
      }),
    );
  }
  const injected = injectedSoFar(counts) - injectedBefore;
  return { scenario, requests, injected, retries: 0, status503, ok, otherFailures, sent: 0, found: 0, lost: 0, duplicated: 0, wrong };
}

export interface ChaosRig {
  base: string;
  spec: { throttle: number; reset: number; latency: number; crashAfterWrites?: number };
  counts: FaultCounts;
  /** What is really in the table, on a client without faults: every reading as stored, repeats included. */
  verify: { storedReadings(smartMeterId: string, range: { from: number; to: number }): Promise<Reading[]> };
}

/** The clients' load of the chaos scenarios, as the issue sizes it: 10,000 readings in 200 batches by 20 clients. */
const LOAD = { clients: 20, batchesPerClient: 10, readingsPerBatch: 50, maxTries: 10 };

/** The faults injected from now on (none but the ones named). */
const injectOnly = (rig: ChaosRig, spec: Partial<ChaosRig['spec']>) => Object.assign(rig.spec, { throttle: 0, reset: 0, latency: 0, crashAfterWrites: undefined }, spec);

/** A scenario of `npm run chaos` and of the chaos tests: one row of the table. Faults are off again when it ends. */
export interface ChaosScenario {
  name: string;
  run(rig: ChaosRig): Promise<ChaosResult>;
}

/** A burst of writes under the faults named, on a meter of its own. */
const writesUnder = (name: string, spec: Partial<ChaosRig['spec']>, smartMeterId: string): ChaosScenario => ({
  name,
  async run(rig) {
    injectOnly(rig, spec);
    try {
      return await sendUnderFaults(name, { ...LOAD, base: rig.base, smartMeterId, start: 1_700_000_000 }, rig.counts, rig.verify);
    } finally {
      injectOnly(rig, {});
    }
  },
});

/** The scenarios in their order: the reads read what the first one wrote. The same code for the CLI and the tests. */
export const CHAOS_SCENARIOS: readonly ChaosScenario[] = [
  writesUnder('throttle:0.2,reset:0.05', { throttle: 0.2, reset: 0.05 }, 'smart-meter-1'),
  writesUnder('throttle:0.5', { throttle: 0.5 }, 'smart-meter-2'),
  {
    // A handler that dies after 100 of a large batch's hour writes, then the client's retry (no faults).
    name: 'handler dies after 100 hour writes, then retry',
    async run(rig) {
      const load = { ...LOAD, base: rig.base, smartMeterId: 'smart-meter-3', clients: 1, batchesPerClient: 1, readingsPerBatch: 500 * 60, maxTries: 1, start: 1_600_000_000 };
      injectOnly(rig, { crashAfterWrites: 100 });
      let crash: ChaosResult;
      try {
        crash = await sendUnderFaults(this.name, load, rig.counts, rig.verify);
      } finally {
        injectOnly(rig, {});
      }
      const retried = await sendUnderFaults(this.name, load, rig.counts, rig.verify);
      return {
        ...retried,
        requests: crash.requests + retried.requests,
        retries: 1,
        status503: crash.status503,
        ok: crash.ok + retried.ok,
        otherFailures: crash.otherFailures + retried.otherFailures,
        injected: crash.injected,
        partial: crash.found,
      };
    },
  },
  {
    // Reads under faults: the fault-free answer first, then the same requests with faults.
    name: 'reads under throttle:0.2,reset:0.05',
    async run(rig) {
      const paths = ['/price-plans/compare-all/smart-meter-1', '/usage/smart-meter-1?groupBy=hour&tz=UTC', '/readings/read/smart-meter-1?limit=500'];
      const expected = new Map<string, string>();
      for (const path of paths) expected.set(path, await (await fetch(rig.base + path)).text());
      injectOnly(rig, { throttle: 0.2, reset: 0.05 });
      try {
        return await readUnderFaults(this.name, rig.base, paths, 20, rig.counts, expected);
      } finally {
        injectOnly(rig, {});
      }
    },
  },
];

/** Every scenario in turn (`npm run chaos`): the table's rows. */
export async function runChaos(rig: ChaosRig, log: (line: string) => void = () => undefined): Promise<ChaosResult[]> {
  const results: ChaosResult[] = [];
  for (const scenario of CHAOS_SCENARIOS) {
    const result = await scenario.run(rig);
    results.push(result);
    log(`done: ${result.scenario}${result.partial === undefined ? '' : ` (${result.partial} of ${result.sent} readings stored before the retry)`}`);
  }
  return results;
}

/**
 * Every reading of a range as the readings table holds it, straight from its hour items (strongly consistent), with
 * nothing de-duplicated: what the chaos checks count lost, repeated and wrong readings in.
 */
export function storedReadings(client: DynamoDBDocumentClient, tableName: string): ChaosRig['verify'] {
  return {
    async storedReadings(smartMeterId, range) {
      const found: Reading[] = [];
      for await (const items of queryPages(client, {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': READINGS_PARTITION_KEY, '#sk': READINGS_SORT_KEY },
        ExpressionAttributeValues: { ':pk': smartMeterId, ':first': bucketStartOf(range.from), ':last': bucketStartOf(range.to - 1) },
        ConsistentRead: true,
      })) {
        for (const item of items) for (const r of readingsOfItem(item)) if (r.time >= range.from && r.time < range.to) found.push(r);
      }
      return found;
    },
  };
}
