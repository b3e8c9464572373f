import type { Pluggable } from '@smithy/types';

/** Capacity units consumed, split by kind, as DynamoDB reports them. */
export interface ConsumedUnits {
  read: number;
  write: number;
  /** Calls that reported capacity, by command name (e.g. QueryCommand: 3 pages). */
  calls: Record<string, number>;
  /** Units by table and command (e.g. "bench-summaries QueryCommand"): where a request's cost goes. */
  byTable: Record<string, number>;
}

interface CapacityReport {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

/**
 * A client plugin that asks DynamoDB for the capacity every call consumes and adds it up: how benchmarks and cost
 * tests measure what a request costs, without the stores knowing.
 */
export function capacityMeter(): { units: ConsumedUnits; reset(): void; plugin: Pluggable<any, any> } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const units: ConsumedUnits = { read: 0, write: 0, calls: {}, byTable: {} };
  return {
    units,
    reset() {
      units.read = 0;
      units.write = 0;
      units.calls = {};
      units.byTable = {};
    },
    plugin: {
      applyToStack(stack) {
        stack.add(
          (next, context) => async (args) => {
            (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
            const result = await next(args);
            const reported = (result.output as { ConsumedCapacity?: CapacityReport | CapacityReport[] }).ConsumedCapacity;
            const command = context.commandName ?? 'unknown';
            for (const report of [reported ?? []].flat()) {
              const total = report.CapacityUnits ?? (report.ReadCapacityUnits ?? 0) + (report.WriteCapacityUnits ?? 0);
              if (WRITE_COMMANDS.has(command)) units.write += total;
              else units.read += total;
              units.calls[command] = (units.calls[command] ?? 0) + 1;
              const where = `${(report as { TableName?: string }).TableName ?? '?'} ${command}`;
              units.byTable[where] = (units.byTable[where] ?? 0) + total;
            }
            return result;
          },
          { step: 'initialize', name: 'capacityMeter' },
        );
      },
    },
  };
}
