import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LAMBDA_ESBUILD_OPTIONS } from '../../infra/bundling.js';
import { parseFaults } from '../../local/dynamodb-faults.js';

describe('DYNAMODB_FAULTS', () => {
  it('parses the documented form', () => {
    expect(parseFaults('throttle:0.2,reset:0.05,latency:20')).toEqual({ throttle: 0.2, reset: 0.05, latency: 20 });
    expect(parseFaults('throttle:0.5')).toEqual({ throttle: 0.5, reset: 0, latency: 0 });
  });

  it.each([
    ['throttle:2', 'throttle must be a share from 0 to 1'],
    ['reset:-0.1', "'reset:-0.1' is not kind:value"],
    ['latency:1.5', 'latency must be whole milliseconds'],
    ['boom:0.1', "'boom:0.1' is not kind:value"],
    ['throttle:0.1,throttle:0.2', 'throttle is given twice'],
    ['throttle:0.7,reset:0.5', 'throttle + reset cannot exceed 1'],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => parseFaults(text)).toThrow(message);
  });

  it('never reaches a bundle deployed to AWS', async () => {
    const result = await build({ ...LAMBDA_ESBUILD_OPTIONS, mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields], entryPoints: ['functions/store-readings/handler.ts'], write: false, sourcemap: false });
    const code = result.outputFiles[0]!.text;
    expect(code.length).toBeGreaterThan(100_000);
    expect(code).not.toContain('DYNAMODB_FAULTS');
    expect(code).not.toContain('Injected:');
  });
});
