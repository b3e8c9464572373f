import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { batchWriteAll } from '../../shared/storage/dynamodb/batch-write.js';

/** BatchWriteItem over any number of requests, against a scripted client: 25 a call, unprocessed sent again, never dropped. */
type Request = { PutRequest: { Item: { id: number } } };
const requests = (count: number): Request[] => Array.from({ length: count }, (_, id) => ({ PutRequest: { Item: { id } } }));

function scripted(unprocessed: (sent: Request[], call: number) => Request[]) {
  const calls: Request[][] = [];
  const written: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const client = {
    send: async (command: { input: { RequestItems: Record<string, Request[]> } }) => {
      const sent = command.input.RequestItems.t!;
      const call = calls.push(sent) - 1;
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      const left = unprocessed(sent, call);
      written.push(...sent.filter((r) => !left.includes(r)).map((r) => r.PutRequest.Item.id));
      return left.length > 0 ? { UnprocessedItems: { t: left } } : {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls, written, mostInFlight: () => mostInFlight };
}

describe('batchWriteAll (scripted client)', () => {
  it('writes every request once, 25 a call with at most `concurrency` in flight, sending again what is left unprocessed', async () => {
    // The first answer to each full call leaves its last request unprocessed.
    const { client, calls, written, mostInFlight } = scripted((sent) => (sent.length === 25 ? sent.slice(-1) : []));
    const random = vi.spyOn(Math, 'random').mockReturnValue(0); // no backoff wait
    try {
      await batchWriteAll(client, 't', requests(60), 'items', 2);
    } finally {
      random.mockRestore();
    }
    expect(written.sort((a, b) => a - b)).toEqual(requests(60).map((r) => r.PutRequest.Item.id));
    expect(calls.map((c) => c.length).sort((a, b) => b - a)).toEqual([25, 25, 10, 1, 1]);
    expect(mostInFlight()).toBe(2);
  });

  it('fails loudly, naming what is left, when requests stay unprocessed', async () => {
    const { client, calls } = scripted((sent) => sent.slice(-3));
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      await expect(batchWriteAll(client, 't', requests(10), 'readings items')).rejects.toThrow('3 readings items still unprocessed after 8 attempts');
    } finally {
      random.mockRestore();
    }
    expect(calls.map((c) => c.length)).toEqual([10, 3, 3, 3, 3, 3, 3, 3]);
  });
});
