import type { Pluggable } from '@smithy/types';

/**
 * DYNAMODB_FAULTS (local runtime only; fixed interface): the local DynamoDB client fails a share of its calls before
 * they reach the table, inside the SDK's retry loop, e.g. `throttle:0.2,reset:0.05,latency:20`:
 * - throttle:P — ProvisionedThroughputExceededException on a share P of calls;
 * - reset:P — a dropped connection on a share P: half before the request is sent, half after it was applied;
 * - latency:MS — extra milliseconds on every call.
 */
export interface FaultSpec {
  throttle: number;
  reset: number;
  latency: number;
}

export interface FaultCounts {
  calls: number;
  throttle: number;
  resetBefore: number;
  resetAfter: number;
  /** Calls failed for good by the chaos run's dying handler (`crashAfterWrites`). */
  crashed: number;
}

const EXAMPLE = 'e.g. DYNAMODB_FAULTS=throttle:0.2,reset:0.05,latency:20';

/** Parses DYNAMODB_FAULTS; a bad value throws a message naming it (start-up stops). */
export function parseFaults(text: string): FaultSpec {
  const spec: FaultSpec = { throttle: 0, reset: 0, latency: 0 };
  const seen = new Set<string>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(throttle|reset|latency):([0-9]+(?:\.[0-9]+)?)$/.exec(part);
    if (!match) throw new Error(`DYNAMODB_FAULTS: '${part}' is not kind:value with kind throttle, reset or latency (${EXAMPLE})`);
    const [, kind, raw] = match as unknown as [string, keyof FaultSpec, string];
    const value = Number(raw);
    if (seen.has(kind)) throw new Error(`DYNAMODB_FAULTS: ${kind} is given twice`);
    seen.add(kind);
    if (kind === 'latency' ? !Number.isInteger(value) || value > 10_000 : value > 1) {
      throw new Error(`DYNAMODB_FAULTS: ${kind} must be ${kind === 'latency' ? 'whole milliseconds, at most 10000' : 'a share from 0 to 1'} (${EXAMPLE})`);
    }
    spec[kind] = value;
  }
  if (spec.throttle + spec.reset > 1) throw new Error('DYNAMODB_FAULTS: throttle + reset cannot exceed 1');
  return spec;
}

export function describeFaults(spec: FaultSpec): string {
  return `throttle ${spec.throttle * 100}% of calls, reset ${spec.reset * 100}% (half after the write landed), +${spec.latency} ms each`;
}

const throttled = () =>
  Object.assign(new Error('Injected: the level of configured provisioned throughput for the table was exceeded'), {
    name: 'ProvisionedThroughputExceededException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
const dropped = () => Object.assign(new Error('Injected: socket hang up'), { name: 'Error', code: 'ECONNRESET' });

/** A client plugin that injects the faults inside the SDK's retry loop (the SDK retries them as it would real ones). */
export function faultInjector(
  spec: FaultSpec & { crashAfterWrites?: number },
  random: () => number = Math.random,
): { counts: FaultCounts; plugin: Pluggable<any, any> } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const counts: FaultCounts = { calls: 0, throttle: 0, resetBefore: 0, resetAfter: 0, crashed: 0 };
  return {
    counts,
    plugin: {
      applyToStack(stack) {
        stack.add(
          (next, context) => async (args) => {
            counts.calls++;
            // The chaos run's "handler dies half-way": after this many writes, every call fails for good, as if the
            // function timed out (not part of DYNAMODB_FAULTS).
            if (spec.crashAfterWrites !== undefined && context.commandName === 'UpdateItemCommand' && spec.crashAfterWrites-- <= 0) {
              counts.crashed++;
              throw Object.assign(new Error('Injected: the handler died half-way'), { name: 'SimulatedTimeout', $retryable: undefined });
            }
            if (spec.latency > 0) await new Promise((resolve) => setTimeout(resolve, spec.latency));
            const roll = random();
            if (roll < spec.throttle) {
              counts.throttle++;
              throw throttled();
            }
            if (roll < spec.throttle + spec.reset) {
              if (random() < 0.5) {
                counts.resetBefore++;
                throw dropped();
              }
              await next(args); // applied: the caller never hears so
              counts.resetAfter++;
              throw dropped();
            }
            return next(args);
          },
          // Inside the retry middleware (finalizeRequest), so every injected fault is retried like a real one.
          { step: 'deserialize', name: 'injectDynamoDbFaults', priority: 'high' },
        );
      },
    },
  };
}
