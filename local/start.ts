import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { configure, readConfig, type TableName } from '../shared/config.js';
import { DEFAULT_CATALOGUE } from '../shared/catalogue/default-catalogue.js';
import { parseCatalogueJson, unknownPlanIds } from '../shared/domain/price-plan-catalogue.js';
import { jsonResponse } from '../shared/http/api-handler.js';
import { accountsStore, documentClient } from '../shared/runtime.js';
import { createDocumentClient, createDynamoDbClient } from '../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbPricePlansStore } from '../shared/storage/dynamodb/dynamodb-price-plans-store.js';
import { DAY_SECONDS } from '../shared/domain/time.js';
import { DEMO_CALORIFIC_VALUE, publishDemoCalorificValues, publishDemoPrices } from '../demo/demo-prices.js';
import { MAX_CALORIFIC_VALUE, MIN_CALORIFIC_VALUE } from '../shared/domain/gas.js';
import { DynamoDbReadingsStore } from '../shared/storage/dynamodb/dynamodb-readings-store.js';
import { DynamoDbIntervalsStore } from '../shared/storage/dynamodb/dynamodb-intervals-store.js';
import { DataFolderLock } from './data-folder-lock.js';
import { describeFaults, faultInjector, parseFaults } from './dynamodb-faults.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { writeDemoCredentials } from '../demo/demo-credentials.js';
import { createRequestListener, LOCAL_ISSUER_PATH, type RequestListener } from './http-server.js';
import { LOCAL_CLIENT_IDS, LocalAuth } from './local-auth.js';
import { seedDemoData } from '../demo/seed-demo-data.js';
import { ensureTables } from './tables.js';
import { FLEET_HEALTH_JOB } from '../functions/count-silent-meters/job.js';

/**
 * `npm start`: the port and the data folder are claimed first (a clash stops start-up before anything starts), then
 * DynamoDB Local (persisted, under a watchdog), tables, demo data, then the real handlers on HOST:PORT.
 */
const port = Number(process.env.PORT ?? 5000);
const auth = process.env.AUTH ?? 'off';
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? '.dynamodb');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // read by the SDK itself

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
// The demo's gas calorific value (`npm start -- --default-cv 39.5`): published for the demo days only, here, so the
// demo gas meter's volumes convert; the API itself never assumes a value for a day nobody published.
const cvArgument = process.argv.indexOf('--default-cv');
const defaultCv = cvArgument < 0 ? DEMO_CALORIFIC_VALUE : Number(process.argv[cvArgument + 1]);
if (!(defaultCv >= MIN_CALORIFIC_VALUE && defaultCv <= MAX_CALORIFIC_VALUE)) fail(`--default-cv must be a calorific value from ${MIN_CALORIFIC_VALUE} to ${MAX_CALORIFIC_VALUE} MJ/m³, not '${process.argv[cvArgument + 1] ?? ''}'`);

/** The local tables, unless *_TABLE_NAME says otherwise. */
const LOCAL_TABLES: Record<TableName, string> = {
  readings: 'joi-energy-readings',
  accounts: 'joi-energy-accounts',
  meterKeys: 'joi-energy-meter-keys',
  summaries: 'joi-energy-summaries',
  pricePlans: 'joi-energy-price-plans',
  audit: 'joi-energy-audit',
};
// The handlers' configuration, handed over explicitly: the server prints one readable line per request and the
// metrics it counted; the handlers' JSON lines only from warnings up (LOG_LEVEL=info shows them all).
let settings;
try {
  const fromEnv = readConfig({ LOG_LEVEL: 'warn', METRICS_OUTPUT: 'readable', ...process.env });
  settings = configure({ ...fromEnv, tables: { ...LOCAL_TABLES, ...fromEnv.tables } });
} catch (error) {
  fail((error as Error).message);
}
const tables = settings!.tables as Record<TableName, string>;

const fleetHealthEverySeconds = Number(process.env.FLEET_HEALTH_EVERY_SECONDS ?? FLEET_HEALTH_JOB.everyMinutes * 60);
// At most a day: Node runs a longer interval (over 2^31 ms) at once, over and over.
if (!Number.isInteger(fleetHealthEverySeconds) || fleetHealthEverySeconds < 1 || fleetHealthEverySeconds > 86_400) {
  fail('FLEET_HEALTH_EVERY_SECONDS must be a whole number of seconds from 1 to 86400');
}
if (auth !== 'on' && auth !== 'off') fail(`AUTH must be on or off, not '${auth}'`);
console.log(
  auth === 'on'
    ? 'AUTH=on: meters need their key, customers and operators an access token, exactly as the deployed stack enforces'
    : 'AUTH is off: open demo mode: every caller is treated as an operator (AUTH=on npm start enforces what the stack does)',
);

// DYNAMODB_FAULTS: injected into the local DynamoDB client only; a bad value stops start-up here.
let faults: ReturnType<typeof faultInjector> | undefined;
if (process.env.DYNAMODB_FAULTS) {
  try {
    const spec = parseFaults(process.env.DYNAMODB_FAULTS);
    faults = faultInjector(spec);
    console.log(`DYNAMODB_FAULTS: ${describeFaults(spec)}`);
  } catch (error) {
    fail((error as Error).message);
  }
}

// An invalid catalogue stops start-up here, naming the bad entry, before anything else starts. It seeds an empty
// store; after that the store is the truth (PUT /admin/price-plans/{id} changes it).
let seedCatalogue = DEFAULT_CATALOGUE;
try {
  if (process.env.PRICE_PLANS_FILE) seedCatalogue = parseCatalogueJson(readFileSync(process.env.PRICE_PLANS_FILE, 'utf8'), process.env.PRICE_PLANS_FILE);
} catch (error) {
  fail((error as Error).message);
}

mkdirSync(dataDir, { recursive: true });
let lock!: DataFolderLock; // assigned, or fail() has exited
try {
  lock = DataFolderLock.acquire(dataDir);
} catch (error) {
  fail((error as Error).message);
}

// Until the handlers are ready, requests get a 503; the port is ours from here on.
const starting = (_: IncomingMessage, response: ServerResponse) => {
  const result = jsonResponse(503, { message: 'starting up; retry in a moment' }, { 'retry-after': '1' });
  response.writeHead(result.statusCode!, result.headers as Record<string, string>).end(result.body);
};
let listener: RequestListener = starting;
const server = createServer((request, response) => listener(request, response));
await new Promise<void>((resolveListen) => {
  server.once('error', (error: NodeJS.ErrnoException) => {
    lock.release();
    fail(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use: stop what holds it, or set PORT` : `cannot listen on ${host}:${port}: ${error.message}`);
  });
  server.listen(port, host, resolveListen);
});

let database: DynamoDbLocal | undefined;
let stopping = false;
const shutdown = async (reason: string, code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log(`${reason}: stopping`);
  if (faults) {
    const { calls, throttle, resetBefore, resetAfter } = faults.counts;
    console.log(`DYNAMODB_FAULTS injected into ${calls} DynamoDB calls: ${throttle} throttles, ${resetBefore} resets before and ${resetAfter} after the write`);
  }
  server.close();
  server.closeAllConnections();
  await database?.stop();
  lock.release();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
// `npm start` runs us under npm and a shell. SIGTERM to npm kills the shell without telling us, and SIGKILL to npm
// leaves the shell waiting on us: we watch every launcher up to npm and stop when any of them is gone.
const launchers = launcherPids();
setInterval(() => {
  if (launchers.some((pid) => !isAlive(pid))) void shutdown('the process that started us exited');
}, 500).unref();

try {
  database = await startDynamoDbLocal({ dbPath: dataDir, port: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined });
  lock.addPids(database.pids);
  void database.exited.then(() => shutdown('DynamoDB Local exited', 1));
  configure({ dynamoDbEndpoint: database.endpoint });
  console.log(`DynamoDB Local at ${database.endpoint}, data in ${dataDir}`);
  const lowLevelClient = createDynamoDbClient();
  await ensureTables(lowLevelClient, tables);
  const client = createDocumentClient(lowLevelClient);
  const accounts = new DynamoDbAccountsStore(client, tables.accounts, tables.meterKeys);
  const plans = new DynamoDbPricePlansStore(client, tables.pricePlans);
  const source = process.env.PRICE_PLANS_FILE ?? 'the shipped catalogue';
  if (await plans.seed(seedCatalogue)) console.log(`price plans seeded from ${source}`);
  else if (process.env.PRICE_PLANS_FILE) console.warn(`warning: the store already holds price plans, so ${source} is not applied: change plans with PUT /admin/price-plans/{id}, or start with a fresh DATA_DIR`);
  const catalogue = await plans.catalogue();
  const startedAt = Math.floor(Date.now() / 1000);
  const seeded = await seedDemoData({ accounts, readings: new DynamoDbReadingsStore(client, tables.readings), intervals: new DynamoDbIntervalsStore(client, tables.readings) }, startedAt, catalogue);
  console.log(seeded > 0 ? `seeded a week of minute readings or half hours for ${seeded} demo meter(s)` : 'demo data already present');
  // Dynamic plans get generated prices over the demo week and tomorrow, as a supplier publishes them a day ahead.
  const published = await publishDemoPrices(plans, catalogue, startedAt - 8 * DAY_SECONDS, startedAt + 2 * DAY_SECONDS, startedAt);
  if (published > 0) console.log(`published ${published} generated half-hour prices for ${catalogue.pricePlans.filter((p) => p.dynamic).map((p) => p.pricePlanId).join(', ')}`);
  // The gas demo meter's volumes are converted with a calorific value published for each demo day (and tomorrow).
  await publishDemoCalorificValues(plans, startedAt - 8 * DAY_SECONDS, startedAt + 2 * DAY_SECONDS, startedAt, defaultCv);
  console.log(`price plans: ${catalogue.pricePlans.map((p) => p.pricePlanId).join(', ')} (${catalogue.currency}, VAT ${catalogue.vatRate * 100}%)`);
  for (const account of unknownPlanIds(catalogue, await accounts.list())) {
    console.warn(`warning: ${account.smartMeterId} is on price plan '${account.pricePlanId}', which the catalogue does not hold`);
  }
  let localAuth: LocalAuth | undefined;
  if (auth === 'on') {
    const issuer = `http://127.0.0.1:${port}${LOCAL_ISSUER_PATH}`;
    configure({ accessTokens: { issuer, clientIds: LOCAL_CLIENT_IDS } });
    const { handler: meterKeyAuthorizer } = await import('../functions/authorizer/handler.js');
    localAuth = await LocalAuth.load(dataDir, issuer, meterKeyAuthorizer);
    const file = await writeDemoCredentials(localAuth, accountsStore(), dataDir);
    console.log(`demo credentials (operator, meter keys, customer tokens; valid 24 h) written to ${file}, the local machine client's secret beside it (machine-client.json)`);
  }
  if (faults) documentClient().middlewareStack.use(faults.plugin); // the handlers' client, not the set-up's
  const shown = host === '127.0.0.1' ? 'localhost' : host;
  listener = await createRequestListener({ auth: localAuth, publicUrl: `http://${shown}:${port}` });
  console.log(`JOI Energy API listening on http://${shown}:${port} (web app: http://${shown}:${port}/, docs: http://${shown}:${port}/docs)${host === '127.0.0.1' ? ' — loopback only; HOST=0.0.0.0 to widen' : ''}`);
  // The fleet-health job, as EventBridge runs it in AWS: once now, then on a timer (FLEET_HEALTH_EVERY_SECONDS).
  const { handler: countSilentMeters } = await import('../functions/count-silent-meters/handler.js');
  // One run at a time: a short interval over a large fleet skips a tick rather than piling runs up.
  let running: Promise<unknown> | undefined;
  const runFleetHealth = () => {
    running ??= countSilentMeters()
      .catch((error: unknown) => console.warn(`${FLEET_HEALTH_JOB.name} failed: ${String(error)}`))
      .finally(() => (running = undefined));
  };
  void runFleetHealth();
  setInterval(runFleetHealth, fleetHealthEverySeconds * 1000).unref();
} catch (error) {
  console.error(error);
  await shutdown('start-up failed', 1);
}

/**
 * Our parent and, when `npm start` launched us, every process up to npm itself (read from /proc; elsewhere, the parent
 * alone). Watching only the parent would miss npm killed by SIGKILL: its shell lives on, waiting for us.
 */
function launcherPids(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    chain.push(pid);
    let stat: string;
    let commandLine: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      break;
    }
    // npm: the outermost launcher (its process title reads `npm start`, or argv names npm-cli.js)
    if (/(^|[/\0 ])npm(-cli\.js)?([\0 ]|$)/.test(commandLine)) return chain;
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]); // /proc/<pid>/stat field 4: the parent
  }
  return chain.slice(0, 1); // not under npm: the parent alone
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but not ours to signal
  }
}
