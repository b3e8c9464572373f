import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';

interface Started {
  child: ChildProcess;
  output: () => string;
  dynamoPort: number;
}

/** Runs `npm start`'s entry point as its own process, as a developer would. */
async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn('node_modules/.bin/tsx', ['local/start.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('listening on')) {
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start did not listen in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const dynamoPort = Number(/DynamoDB Local at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  return { child, output: () => output, dynamoPort };
}

async function stop({ child }: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('npm start (local/start.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'joi-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds demo data, stops DynamoDB Local on SIGTERM and keeps stored readings across a restart', async () => {
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };
    const first = await start(env);
    expect(first.output()).toContain('seeded a week of minute readings for 5 demo meter(s)');
    const reading = { time: 1606636800, reading: 0.0503 };
    const posted = await fetch(`http://127.0.0.1:${port}/readings/store`, {
      method: 'POST',
      body: JSON.stringify({ smartMeterId: 'smart-meter-1', electricityReadings: [reading] }),
    });
    expect(posted.status).toBe(200);
    const demo = (await (await fetch(`http://127.0.0.1:${port}/readings/read/smart-meter-1`)).json()) as unknown[];
    expect(demo.length).toBe(7 * 24 * 60 + 1);

    expect(await stop(first)).toBe(0);
    expect(await accepts(first.dynamoPort)).toBe(false); // no DynamoDB Local (java) left behind

    const second = await start(env);
    expect(second.output()).toContain('demo data already present');
    const after = (await (await fetch(`http://127.0.0.1:${port}/readings/read/smart-meter-1`)).json()) as unknown[];
    expect(after).toEqual(demo);
    expect(await stop(second)).toBe(0);
    expect(await accepts(second.dynamoPort)).toBe(false);
  });

  it('refuses to start with an invalid price plan catalogue, naming the bad entry', async () => {
    const file = join(dataDir, 'bad-plans.json');
    writeFileSync(file, JSON.stringify([{ pricePlanId: 'economy-7', supplier: 'S', unitRate: 0.3, timeOfUse: [{ from: '7am', to: '08:00', unitRate: 1 }] }]));
    const child = spawn('node_modules/.bin/tsx', ['local/start.ts'], {
      env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir, PRICE_PLANS_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('entry 0 (economy-7): timeOfUse[0].from must be a time of day HH:MM');
  });

  it('takes DynamoDB Local down with a process that crashes', async () => {
    const child = spawn('node_modules/.bin/tsx', ['test/support/fixtures/crash-after-start.ts'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(port).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500)); // SIGTERM stops it in ~0.3 s
    expect(await accepts(port)).toBe(false);
  });
});
