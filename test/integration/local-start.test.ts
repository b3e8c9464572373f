import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderLock } from '../../local/data-folder-lock.js';
import { DEMO_ACCOUNTS } from '../../shared/domain/accounts.js';
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

/**
 * `npm start` as a person runs it, in two starts of one data folder (each start is a JVM: the slow part), so every
 * behaviour that needs a real process is proven once: seeding, loopback only, refusals before any database starts,
 * the orphaned server stopping itself, data kept across the kill, AUTH=on's credentials, and SIGTERM's clean stop.
 * The watchdog that stops DynamoDB Local when its starter dies without a word is in test/unit/database-watchdog.test.ts,
 * the lock's rules, stale takeover included, in test/unit/data-folder-lock.test.ts.
 */
describe('npm start (local/start.ts)', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'joi-data-'));
  afterAll(async () => {
    await Promise.all([...running].map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Waits until nothing accepts connections on the port, or gives up after 10 s. */
  const closes = async (port: number) => {
    for (let i = 0; i < 100 && (await accepts(port)); i++) await new Promise((r) => setTimeout(r, 100));
    return !(await accepts(port));
  };
  const exitOf = (child: ChildProcess) =>
    child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** A start that must refuse before it starts anything: its exit code and what it said. */
  const refusal = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], { env: { ...process.env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return exitOf(child).then((code) => ({ code, output }));
  };

  // One folder through two starts, step by step (each step within the default time limit; a failed step fails the rest).
  let port = 0;
  let first: Started;
  let demo: unknown[] = [];

  it('1. `npm start` seeds the demo, listens on loopback only, and stores and reads', async () => {
    port = await freePort();
    first = await start({ PORT: String(port), DATA_DIR: dataDir }, true);
    expect(first.output()).toContain('AUTH is off: open demo mode: every caller is treated as an operator');
    expect(first.output()).toContain(`seeded a week of minute readings or half hours for ${DEMO_ACCOUNTS.length} demo meter(s)`);
    const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && f[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`)).map((f) => f[1]!.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
    const posted = await fetch(`http://127.0.0.1:${port}/readings/store`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ smartMeterId: 'smart-meter-1', electricityReadings: [{ time: 1606636800, reading: 0.0503 }] }),
    });
    expect(posted.status).toBe(200);
    demo = (await (await fetch(`http://127.0.0.1:${port}/readings/read/smart-meter-1`)).json()) as unknown[];
    expect(demo.length).toBe(7 * 24 * 60 + 1);
    // The sixth demo meter reports half hours: a week of them.
    const halfHours = (await (await fetch(`http://127.0.0.1:${port}/readings/intervals/smart-meter-5`)).json()) as { intervals: unknown[] };
    expect(halfHours.intervals).toHaveLength(7 * 48);
  });

  it('2. while it runs, its folder is locked, and a start on its port or with a bad catalogue is refused before any database starts', async () => {
    expect(() => DataFolderLock.acquire(dataDir)).toThrow(`data folder ${dataDir} is in use by another JOI Energy instance`);
    const samePort = await refusal({ PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'joi-port-')) });
    expect(samePort.code).toBe(1);
    expect(samePort.output).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(samePort.output).not.toContain('DynamoDB Local at');
    const plans = join(mkdtempSync(join(tmpdir(), 'joi-plans-')), 'bad-plans.json');
    writeFileSync(plans, JSON.stringify([{ pricePlanId: 'economy-7', supplier: 'S', unitRate: 0.3, timeOfUse: [{ from: '7am', to: '08:00', unitRate: 1 }] }]));
    const badCatalogue = await refusal({ PORT: String(await freePort()), DATA_DIR: mkdtempSync(join(tmpdir(), 'joi-cat-')), PRICE_PLANS_FILE: plans });
    expect(badCatalogue.code).toBe(1);
    expect(badCatalogue.output).toContain('entry 0 (economy-7): timeOfUse[0].from must be a time of day HH:MM');
    expect(badCatalogue.output).not.toContain('DynamoDB Local at');
  });

  it('3. npm killed with SIGKILL (its shell lives on): the orphaned server stops the whole tree, database and port', async () => {    const firstExit = exitOf(first.child);
    first.child.kill('SIGKILL');
    await firstExit;
    expect(await closes(first.dynamoPort)).toBe(true);
    expect(await closes(port)).toBe(true);
  });

  it("4. `AUTH=on npm start` takes the folder over, keeps the data, writes 0600 credentials it never prints; SIGTERM stops it cleanly (exit 0), database included", async () => {
    const authEnv = { PORT: String(await freePort()), DATA_DIR: dataDir, AUTH: 'on' };
    const secured = await start(authEnv);
    expect(secured.output()).toContain('demo data already present');
    const file = join(dataDir, 'credentials.json');
    expect(secured.output()).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(readFileSync(file, 'utf8')) as { operator: string; meters: Record<string, string>; customers: Record<string, string> };
    expect(Object.keys(credentials).sort()).toEqual(['customers', 'meters', 'operator']); // the fixed shape, nothing added
    const machineFile = join(dataDir, 'machine-client.json');
    expect(statSync(machineFile).mode & 0o777).toBe(0o600);
    const machine = JSON.parse(readFileSync(machineFile, 'utf8')) as { clientId: string; clientSecret: string };
    expect(secured.output()).not.toContain(machine.clientSecret);
    expect(Object.keys(credentials.meters)).toEqual(DEMO_ACCOUNTS.map((a) => a.smartMeterId));
    expect(Object.keys(credentials.customers)).toEqual(Object.keys(credentials.meters));
    for (const secret of [credentials.operator, ...Object.values(credentials.meters), ...Object.values(credentials.customers)]) {
      expect(secured.output()).not.toContain(secret);
    }
    const base = `http://127.0.0.1:${authEnv.PORT}`;
    expect((await fetch(`${base}/readings/read/smart-meter-1?limit=1`)).status).toBe(401);
    const asCustomer = await fetch(`${base}/readings/read/smart-meter-1`, { headers: { authorization: `Bearer ${credentials.customers['smart-meter-1']}` } });
    expect(asCustomer.status).toBe(200);
    expect(await asCustomer.json()).toEqual(demo); // what the open-mode start stored, kept across the kill
    const stored = await fetch(`${base}/readings/store`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.meters['smart-meter-1']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ smartMeterId: 'smart-meter-1', electricityReadings: [{ time: 1606636860, reading: 0.06 }] }),
    });
    expect(stored.status).toBe(200);
    expect(await stop(secured)).toBe(0);
    expect(await accepts(secured.dynamoPort)).toBe(false);
    expect(await accepts(Number(authEnv.PORT))).toBe(false);
  });
});
