import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';

interface Started {
  child: ChildProcess;
  output: () => string;
  dynamoPort: number;
}

/** Every start of this file that has not exited: stopped after each test, so a failure cannot hold the data folder. */
const running = new Set<ChildProcess>();

/** Runs `npm start`'s command (`node --import tsx local/start.ts`) as its own process, or `npm start` itself. */
async function start(env: Record<string, string>, viaNpm = false): Promise<Started> {
  const [command, args] = viaNpm ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'local/start.ts']];
  const child = spawn(command as string, args as string[], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
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
  afterEach(async () => {
    await Promise.all([...running].map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))));
  }, 120_000);

  it('seeds demo data, stops DynamoDB Local on SIGTERM and keeps stored readings across a restart', async () => {
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };
    const first = await start(env);
    expect(first.output().split('\n').slice(0, 4).join('\n')).toContain('AUTH is off: open demo mode: every caller is treated as an operator');
    expect(first.output()).toContain('seeded a week of minute readings for 5 demo meter(s)');
    // Listening on loopback only: the kernel's socket table shows 127.0.0.1 (0100007F) for the port, nothing wider.
    const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && f[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`)).map((f) => f[1]!.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
    const reading = { time: 1606636800, reading: 0.0503 };
    const posted = await fetch(`http://127.0.0.1:${port}/readings/store`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
  }, 120_000);

  /** Waits until nothing accepts connections on the port (DynamoDB Local's), or gives up after 5 s. */
  const closes = async (port: number) => {
    for (let i = 0; i < 50 && (await accepts(port)); i++) await new Promise((r) => setTimeout(r, 100));
    return !(await accepts(port));
  };
  const exitOf = (child: ChildProcess) =>
    child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  it('with AUTH=on, issues the demo credentials into a 0600 file it names but never prints, on the same data', async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir, AUTH: 'on' };
    const started = await start(env);
    const file = join(dataDir, 'credentials.json');
    expect(started.output()).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(readFileSync(file, 'utf8')) as { operator: string; meters: Record<string, string>; customers: Record<string, string> };
    expect(Object.keys(credentials).sort()).toEqual(['customers', 'meters', 'operator']); // the fixed shape, nothing added
    const machineFile = join(dataDir, 'machine-client.json');
    expect(statSync(machineFile).mode & 0o777).toBe(0o600);
    const machine = JSON.parse(readFileSync(machineFile, 'utf8')) as { clientId: string; clientSecret: string };
    expect(started.output()).not.toContain(machine.clientSecret);
    expect(Object.keys(credentials.meters)).toEqual(['smart-meter-0', 'smart-meter-1', 'smart-meter-2', 'smart-meter-3', 'smart-meter-4']);
    expect(Object.keys(credentials.customers)).toEqual(Object.keys(credentials.meters));
    for (const secret of [credentials.operator, ...Object.values(credentials.meters), ...Object.values(credentials.customers)]) {
      expect(started.output()).not.toContain(secret);
    }
    const base = `http://127.0.0.1:${env.PORT}`;
    expect((await fetch(`${base}/readings/read/smart-meter-1?limit=1`)).status).toBe(401);
    const asCustomer = await fetch(`${base}/readings/read/smart-meter-1?limit=1`, { headers: { authorization: `Bearer ${credentials.customers['smart-meter-1']}` } });
    expect(asCustomer.status).toBe(200); // the data the open-mode start seeded
    const stored = await fetch(`${base}/readings/store`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.meters['smart-meter-1']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ smartMeterId: 'smart-meter-1', electricityReadings: [{ time: 1606636860, reading: 0.06 }] }),
    });
    expect(stored.status).toBe(200);
    expect(await stop(started)).toBe(0);
  }, 120_000);

  it('leaves no database behind when the server is killed with SIGKILL, and the next start takes over the folder', async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir };
    const first = await start(env);
    first.child.kill('SIGKILL');
    expect(await closes(first.dynamoPort)).toBe(true); // the watchdog saw its pipe close and stopped java
    const second = await start(env);
    expect(second.output()).toContain('listening on');
    expect(await stop(second)).toBe(0);
  }, 120_000);

  it("stops the whole tree when SIGTERM reaches npm's own pid", async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir };
    const started = await start(env, true);
    const exited = exitOf(started.child);
    started.child.kill('SIGTERM'); // npm: it kills its shell without telling the server, which notices it is orphaned
    await exited;
    expect(await closes(started.dynamoPort)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await accepts(Number(env.PORT))).toBe(false);
  }, 120_000);

  it('stops the whole tree when npm itself is killed with SIGKILL (its shell lives on)', async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir };
    const started = await start(env, true);
    const exited = exitOf(started.child);
    started.child.kill('SIGKILL'); // npm cannot pass anything on: the shell it started keeps waiting for the server
    await exited;
    expect(await closes(started.dynamoPort)).toBe(true);
    const deadline = Date.now() + 10_000;
    while ((await accepts(Number(env.PORT))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await accepts(Number(env.PORT))).toBe(false);
    const next = await start(env); // and the lock is free again
    expect(await stop(next)).toBe(0);
  }, 120_000);

  it('refuses a data folder another instance holds, and a port already in use before starting the database', async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir };
    const holder = await start(env);
    const run = (extra: Record<string, string>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], { env: { ...process.env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return exitOf(child).then((code) => ({ code, output }));
    };
    const sameFolder = await run({ ...env, PORT: String(await freePort()) });
    expect(sameFolder.code).toBe(1);
    expect(sameFolder.output).toContain(`data folder ${env.DATA_DIR} is in use by another JOI Energy instance`);
    const samePort = await run({ PORT: env.PORT, DATA_DIR: mkdtempSync(join(tmpdir(), 'joi-port-')) });
    expect(samePort.code).toBe(1);
    expect(samePort.output).toContain(`port ${env.PORT} on 127.0.0.1 is already in use`);
    expect(samePort.output).not.toContain('DynamoDB Local at');
    expect(await stop(holder)).toBe(0);
  }, 120_000);

  it('refuses to start with an invalid price plan catalogue, naming the bad entry', async () => {
    const file = join(dataDir, 'bad-plans.json');
    writeFileSync(file, JSON.stringify([{ pricePlanId: 'economy-7', supplier: 'S', unitRate: 0.3, timeOfUse: [{ from: '7am', to: '08:00', unitRate: 1 }] }]));
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
      env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir, PRICE_PLANS_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('entry 0 (economy-7): timeOfUse[0].from must be a time of day HH:MM');
  }, 120_000);

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
  }, 120_000);
});
