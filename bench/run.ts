/**
 * `npm run bench`: cold start, write cost, read cost and latency of the product beside naive baselines measured in
 * the same run, against an in-memory DynamoDB Local. Prints tables and verdicts; writes bench/results.json.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import { handler as authorizerHandler } from '../functions/authorizer/handler.js';
import { handler as compareAllHandler } from '../functions/compare-all/handler.js';
import { handler as compareIntervalsHandler } from '../functions/compare-intervals/handler.js';
import { handler as storeIntervalsHandler } from '../functions/store-intervals/handler.js';
import { handler as readHandler } from '../functions/read-readings/handler.js';
import { handler as storeHandler } from '../functions/store-readings/handler.js';
import { storeReadings } from '../functions/store-readings/use-case.js';
import { handler as usageHandler } from '../functions/usage/handler.js';
import { handler as listMetersHandler } from '../functions/list-meters/handler.js';
import { countSilentMeters } from '../functions/count-silent-meters/use-case.js';
import { usageReport } from '../functions/usage/use-case.js';
import { configure } from '../shared/config.js';
import { DEFAULT_MAX_GAP_SECONDS } from '../shared/domain/energy.js';
import { LATE_WRITE_LEASE_SECONDS } from '../shared/domain/energy-summaries.js';
import { rotateMeterKey } from '../shared/services/meter-keys.js';
import { comparePlans } from '../shared/services/plan-costs.js';
import { DynamoDbSummariesStore } from '../shared/storage/dynamodb/dynamodb-summaries-store.js';
import { apiGatewayEvent, type ApiEventInit } from '../local/api-event.js';
import { demoReadings } from '../demo/demo-readings.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { ensureTables } from '../local/tables.js';
import { DEFAULT_CATALOGUE } from '../shared/catalogue/default-catalogue.js';
import { parseCatalogueJson } from '../shared/domain/price-plan-catalogue.js';
import { DEMO_ACCOUNTS, newAccount } from '../shared/domain/accounts.js';
import { toEntries } from '../shared/domain/costing.js';
import { MAX_BATCH_HOURS, type Reading } from '../shared/domain/readings.js';
import { documentClient, pricePlans, pricePlansChanged } from '../shared/runtime.js';
import { publishDemoPrices } from '../demo/demo-prices.js';
import { DynamoDbPricePlansStore } from '../shared/storage/dynamodb/dynamodb-price-plans-store.js';
import { capacityMeter } from './capacity-meter.js';
import { createDocumentClient, createDynamoDbClient } from '../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbReadingsStore } from '../shared/storage/dynamodb/dynamodb-readings-store.js';
import { buildBundles, measureBundles } from './bundles.js';
import { PerItemReadingsStore } from './per-item-store.js';
import { median } from './stats.js';
import { buildWebApp } from '../web/build.js';

const INIT_RUNS = Number(process.env.BENCH_INIT_RUNS ?? 15);
const WEEK_MINUTES = 7 * 24 * 60;
const YEAR_MINUTES = 365 * 24 * 60;
const BATCH = 15;
const WARM_RUNS = 5;
const BENCH_TABLES = { readings: 'bench-readings', accounts: 'bench-accounts', summaries: 'bench-summaries', meterKeys: 'bench-meter-keys', pricePlans: 'bench-price-plans', audit: 'bench-audit' };
const END = Date.UTC(2026, 0, 5) / 1000; // a Monday 00:00 UTC: minute batches start on the hour, as meters send them

const log = (line: string) => console.log(line);
/** The event API Gateway sends, with an operator established by the authorizer (as the local open mode does). */
const event = (init: ApiEventInit) => apiGatewayEvent({ authorizer: { lambda: { caller: 'operator', sub: 'bench' } }, ...init });
const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
function table(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  const line = (r: string[]) => '| ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ') + ' |';
  log(line(headers));
  log('|' + widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|') + '|');
  for (const r of cells.slice(1)) log(line(r));
}
type Verdict = { target: string; met: boolean; value: string };

function printVerdicts(verdicts: Verdict[], scope = ''): void {
  log(`\n## Verdicts${scope}\n`);
  for (const v of verdicts) log(`${v.met ? 'MET    ' : 'NOT MET'}  ${v.target}: ${v.value}`);
}

async function measureColdStart(results: Record<string, unknown>): Promise<Verdict[]> {
  // P1 cold start ------------------------------------------------------------------------------------------------
  log(`\n## P1 cold start: bundle size and module init in a fresh node process (median of ${INIT_RUNS})\n`);
  const bundles = measureBundles(await buildBundles(), INIT_RUNS);
  const floor = bundles[1]!;
  table(
    ['bundle', 'size KB', 'init ms', 'init ÷ floor', 'size − floor KB', 'largest inputs above the floor (KB)'],
    bundles.map((b, i) => [
      b.name,
      fmt(b.sizeKb),
      fmt(b.initMs, 2),
      fmt(b.initMs / floor.initMs, 2),
      fmt(b.sizeKb - floor.sizeKb),
      i < 2 ? '' : b.largest.map((x) => `${x.input.replace(/^node_modules\//, '')} ${fmt(x.kb)}`).join(', '),
    ]),
  );
  const functions = bundles.slice(2);
  const worstInit = Math.max(...functions.map((b) => b.initMs / floor.initMs));
  const worstSize = Math.max(...functions.map((b) => b.sizeKb - floor.sizeKb));
  results.p1 = { bundles, worstInitRatio: worstInit, worstSizeOverFloorKb: worstSize };
  const p1Verdicts = [
    { target: 'P1 init ≤ 1.3× floor (worst function, authorizer included)', met: worstInit <= 1.3, value: `${fmt(worstInit, 2)}×` },
    { target: 'P1 size ≤ floor + 60 KB (worst function, authorizer included)', met: worstSize <= 60, value: `+${fmt(worstSize)} KB` },
  ];
  return p1Verdicts;

}

function measureWebApp(results: Record<string, unknown>): number {
  // P6 web app ------------------------------------------------------------------------------------------------------
  log('\n## P6 the web app: what a browser downloads (esbuild, minified), gzip as CloudFront compresses it\n');
  const webFiles = [...buildWebApp()].map(([path, contents]) => ({ path, kb: contents.length / 1024, gzipKb: gzipSync(contents).length / 1024 }));
  table(['file', 'size KB', 'gzip KB'], webFiles.map((f) => [f.path.replace(/-[A-Z0-9]{8}\./, '-*.'), fmt(f.kb), fmt(f.gzipKb)]));
  const webJsGzipKb = webFiles.filter((f) => f.path.endsWith('.js')).reduce((sum, f) => sum + f.gzipKb, 0);
  results.p6 = { files: webFiles, javaScriptGzipKb: webJsGzipKb };
  return webJsGzipKb;

}

async function main(): Promise<void> {
  const started = Date.now();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  };

  // `--p1-only`: cold start alone (about a minute); `--p2-only`: write cost alone; `--p8-only`: meter health alone;
  // `--p9-only`: interval meters and bring-your-own-data comparison (P9, P10) alone.
  const only = process.argv.find((arg) => /^--p\d-only$/.test(arg));
  const skipsColdStart = only === '--p2-only' || only === '--p8-only' || only === '--p9-only';
  const p1Verdicts = skipsColdStart ? [] : await measureColdStart(results);
  if (only === '--p1-only') return printVerdicts(p1Verdicts, ' (P1 only: --p1-only)');
  const webJsGzipKb = skipsColdStart ? 0 : measureWebApp(results);

  // DynamoDB Local, product tables and the per-item baseline table -------------------------------------------------
  const database = await startDynamoDbLocal();
  configure({
    dynamoDbEndpoint: database.endpoint,
    tables: BENCH_TABLES,
  });
  try {
    const lowLevel = createDynamoDbClient();
    await ensureTables(lowLevel, BENCH_TABLES);
    await lowLevel.send(
      new CreateTableCommand({
        TableName: 'bench-per-item',
        KeySchema: [{ AttributeName: 'smartMeterId', KeyType: 'HASH' }, { AttributeName: 'time', KeyType: 'RANGE' }],
        AttributeDefinitions: [{ AttributeName: 'smartMeterId', AttributeType: 'S' }, { AttributeName: 'time', AttributeType: 'N' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const setupClient = createDocumentClient(lowLevel);
    const accounts = new DynamoDbAccountsStore(setupClient, 'bench-accounts');
    for (const account of DEMO_ACCOUNTS) await accounts.save(account);
    await new DynamoDbPricePlansStore(setupClient, BENCH_TABLES.pricePlans).seed(DEFAULT_CATALOGUE);

    // The handlers' own client, metered; and a metered client for the baseline.
    const productMeter = capacityMeter();
    documentClient().middlewareStack.use(productMeter.plugin);
    const baselineMeter = capacityMeter();
    const baselineClient = createDocumentClient(createDynamoDbClient());
    baselineClient.middlewareStack.use(baselineMeter.plugin);
    const perItem = new PerItemReadingsStore(baselineClient, 'bench-per-item');
    const accountOf = (smartMeterId: string) => DEMO_ACCOUNTS.find((a) => a.smartMeterId === smartMeterId)!;
    const wallClock = () => Math.floor(Date.now() / 1000);
    /** The same use cases over the per-item table (no summaries). */
    const baseline = { readings: perItem, pricePlans: pricePlans(), maxGapSeconds: DEFAULT_MAX_GAP_SECONDS, now: wallClock };

    if (only === '--p9-only') {
      await measureIntervalMeters(productMeter, setupClient, accounts);
      return;
    }

    if (only === '--p8-only') {
      // Every demo meter reporting, a week of minute readings up to now (the list's 7-day coverage is of the real week):
      // a last reading reads one hour item however long the history.
      const now = Math.floor(Date.now() / 1000 / 60) * 60;
      for (const [i, account] of DEMO_ACCOUNTS.entries()) {
        await new DynamoDbReadingsStore(setupClient, BENCH_TABLES.readings, { writeConcurrency: 32 }).save(account.smartMeterId, demoReadings(20 + i, now, WEEK_MINUTES));
      }
      await measureMeterHealth(productMeter, now);
      return;
    }

    // P2 write cost ------------------------------------------------------------------------------------------------
    log(`\n## P2 write cost: one week of minute readings (${WEEK_MINUTES.toLocaleString('en-GB')}) in batches of ${BATCH}\n`);
    const week = demoReadings(11, END, WEEK_MINUTES);
    const chunksOf = (readings: Reading[], size: number) => Array.from({ length: Math.ceil(readings.length / size) }, (_, i) => readings.slice(i * size, (i + 1) * size));
    const batches = chunksOf(week, BATCH);
    const perThousand = (units: number, readings = week.length) => (units / readings) * 1000;
    // Backfill: history whose days have all settled (2026's first week, stored now) through the store handler, as
    // fast as it answers, as `npm run import` sends it; then the first read after the last batch's lease has passed,
    // which stores the days' summaries.
    const backfill = async (smartMeterId: string, readings: Reading[], batchSize: number) => {
      productMeter.reset();
      for (const batch of chunksOf(readings, batchSize)) {
        const result = await storeHandler(event({ method: 'POST', path: '/readings/store', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ smartMeterId, electricityReadings: batch }) }));
        if (result.statusCode !== 200) throw new Error(`store answered ${result.statusCode}: ${result.body}`);
      }
      const readingUnits = productMeter.units.write;
      productMeter.reset();
      const afterLease = { ...baseline, readings: new DynamoDbReadingsStore(documentClient(), 'bench-readings'), summaries: new DynamoDbSummariesStore(documentClient(), 'bench-summaries'), now: () => wallClock() + LATE_WRITE_LEASE_SECONDS + 1 };
      await comparePlans(afterLease, accountOf(smartMeterId), { from: readings[0]!.time, to: readings.at(-1)!.time + 60 });
      return { readings: readings.length, readingUnits, summaryUnits: productMeter.units.write, perThousand: perThousand(readingUnits + productMeter.units.write, readings.length) };
    };
    const backfillSmall = await backfill('smart-meter-1', week, BATCH);
    // 2,000 hours in batches of 1,000 hours (the store's limit): 60,000 minute readings a batch.
    const backfillLarge = await backfill('smart-meter-2', demoReadings(12, END, 2 * MAX_BATCH_HOURS * 60), MAX_BATCH_HOURS * 60);
    baselineMeter.reset();
    for (const batch of batches) await perItem.save('smart-meter-1', batch);
    const baselineWrites = baselineMeter.units.write;
    table(
      ['backfill: settled days, store handler (summaries included)', 'readings', 'write units: readings', 'summaries', 'per 1,000 readings'],
      [
        [`batches of ${BATCH} readings (one week)`, backfillSmall.readings.toLocaleString('en-GB'), fmt(backfillSmall.readingUnits, 0), fmt(backfillSmall.summaryUnits, 0), fmt(backfillSmall.perThousand)],
        [`batches of ${MAX_BATCH_HOURS.toLocaleString('en-GB')} hours (2,000 hours)`, backfillLarge.readings.toLocaleString('en-GB'), fmt(backfillLarge.readingUnits, 0), fmt(backfillLarge.summaryUnits, 0), fmt(backfillLarge.perThousand)],
        [`baseline: one item per reading (BatchWriteItem, batches of ${BATCH})`, week.length.toLocaleString('en-GB'), fmt(baselineWrites, 0), '', fmt(perThousand(baselineWrites))],
      ],
    );
    // The same week arriving live (each batch when its last minute has passed: the service's clock is set so), then
    // the days summarized by the first read after they settle: what a meter streaming in order costs, summaries included.
    let clock = 0;
    const live = {
      readings: new DynamoDbReadingsStore(documentClient(), 'bench-readings'),
      summaries: new DynamoDbSummariesStore(documentClient(), 'bench-summaries'),
      pricePlans: pricePlans(),
      maxGapSeconds: DEFAULT_MAX_GAP_SECONDS,
      now: () => clock,
    };
    productMeter.reset();
    for (const batch of batches) {
      clock = batch.at(-1)!.time + 60;
      await storeReadings(live, { smartMeterId: 'smart-meter-4', electricityReadings: batch });
    }
    const liveReadingWrites = productMeter.units.write;
    clock = END + 3 * 3600; // every day of the week has settled
    productMeter.reset();
    await comparePlans(live, accountOf('smart-meter-4'), {});
    const liveSummaryWrites = productMeter.units.write;
    const liveWrites = liveReadingWrites + liveSummaryWrites;
    log('');
    table(
      ['in order, live (summaries included)', 'write units', 'per 1,000 readings'],
      [
        ['readings (batches of 15 as they arrive)', fmt(liveReadingWrites, 0), fmt(perThousand(liveReadingWrites))],
        ['summaries of the 7 days (first read after they settle)', fmt(liveSummaryWrites, 0), fmt(perThousand(liveSummaryWrites))],
        ['total', fmt(liveWrites, 0), fmt(perThousand(liveWrites))],
      ],
    );
    results.p2 = {
      readings: week.length,
      batches: batches.length,
      baselineWriteUnits: baselineWrites,
      baselinePerThousand: perThousand(baselineWrites),
      live: { readingWriteUnits: liveReadingWrites, summaryWriteUnits: liveSummaryWrites, perThousand: perThousand(liveWrites) },
      backfill: { batchesOf15: backfillSmall, batchesOf1000Hours: backfillLarge },
    };
    const p2Verdicts: Verdict[] = [
      { target: 'P2 ≤ 70 write units per 1,000 in-order readings, summaries included', met: perThousand(liveWrites) <= 70, value: fmt(perThousand(liveWrites)) },
      {
        target: 'P2 backfill ≤ 80 write units per 1,000 readings, summaries included (batches of 15 and of 1,000 hours)',
        met: Math.max(backfillSmall.perThousand, backfillLarge.perThousand) <= 80,
        value: `${fmt(backfillSmall.perThousand)} and ${fmt(backfillLarge.perThousand)}`,
      },
    ];
    if (only === '--p2-only') return printVerdicts(p2Verdicts, ' (P2 only: --p2-only)');

    // P3 read cost -------------------------------------------------------------------------------------------------
    log(`\n## P3 read cost: a meter with one year of minute readings (${YEAR_MINUTES.toLocaleString('en-GB')})\n`);
    const loadStarted = Date.now();
    const year = demoReadings(12, END, YEAR_MINUTES);
    await new DynamoDbReadingsStore(setupClient, 'bench-readings', { writeConcurrency: 32 }).save('smart-meter-0', year);
    const productLoad = (Date.now() - loadStarted) / 1000;
    const baselineLoadStarted = Date.now();
    const loaders = 8;
    const chunk = Math.ceil(year.length / loaders);
    await Promise.all(Array.from({ length: loaders }, (_, i) => new PerItemReadingsStore(setupClient, 'bench-per-item').save('smart-meter-0', year.slice(i * chunk, (i + 1) * chunk))));
    const baselineLoad = (Date.now() - baselineLoadStarted) / 1000;
    log(`(set-up, not measured: loading took ${fmt(productLoad)} s for the product, ${fmt(baselineLoad)} s for the baseline)\n`);

    const weekBeforeLast = { from: String(END - 14 * 86_400), to: String(END - 7 * 86_400) };
    const compareEvent = () => event({ path: '/price-plans/compare-all/smart-meter-0', pathParameters: { smartMeterId: 'smart-meter-0' } });
    const monthEvent = () => event({ path: '/usage/smart-meter-0', pathParameters: { smartMeterId: 'smart-meter-0' }, query: { groupBy: 'month' } });
    // Today's path, side by side: the same service and client without summaries (every figure from the readings).
    const raw = { readings: new DynamoDbReadingsStore(documentClient(), 'bench-readings'), pricePlans: pricePlans(), maxGapSeconds: DEFAULT_MAX_GAP_SECONDS, now: wallClock };
    productMeter.reset();
    await compareAllHandler(compareEvent()); // the first read summarizes the year's 365 settled days
    const summarizing = { ...productMeter.units };
    productMeter.reset();
    const compare = await compareAllHandler(compareEvent());
    const productCompareReads = productMeter.units.read;
    productMeter.reset();
    const rawCompare = await comparePlans(raw, accountOf('smart-meter-0'), {});
    const rawCompareReads = productMeter.units.read;
    productMeter.reset();
    const monthly = await usageHandler(monthEvent());
    const productMonthReads = productMeter.units.read;
    productMeter.reset();
    const rawMonthly = await usageReport(raw, { smartMeterId: 'smart-meter-0', kind: 'power' }, {}, 'month', 'Europe/London');
    const rawMonthReads = productMeter.units.read;
    const monthPeriods = (JSON.parse(monthly.body as string) as { periods: { kWh: number }[] }).periods;
    rawMonthly.periods.forEach((p, i) => {
      if (Math.abs(monthPeriods[i]!.kWh - p.kWh) > 1e-9 * Math.max(1, p.kWh)) throw new Error(`usage by month differs in period ${i}: ${monthPeriods[i]!.kWh} vs ${p.kWh}`);
    });
    for (const c of rawCompare.costs) {
      const ours = (JSON.parse(compare.body as string) as { pricePlanComparisons: Record<string, number>[] }).pricePlanComparisons.find((e) => c.pricePlanId in e)![c.pricePlanId]!;
      if (Math.abs(ours - c.cost) > 1e-9 * Math.max(1, c.cost)) throw new Error(`summaries and readings differ for ${c.pricePlanId}: ${ours} vs ${c.cost}`);
    }
    productMeter.reset();
    const weekRead = await readHandler(event({ path: '/readings/read/smart-meter-0', pathParameters: { smartMeterId: 'smart-meter-0' }, query: weekBeforeLast }));
    const productWeekReads = productMeter.units.read;
    baselineMeter.reset();
    const baselineCompare = await comparePlans(baseline, accountOf('smart-meter-0'), {});
    const baselineCompareReads = baselineMeter.units.read;
    baselineMeter.reset();
    const baselineWeek = await perItem.listPage('smart-meter-0', { from: Number(weekBeforeLast.from), to: Number(weekBeforeLast.to) }, 50_000);
    const baselineWeekReads = baselineMeter.units.read;

    // Both layouts must give the same answers, or the comparison means nothing.
    const productCosts = JSON.parse(compare.body as string) as { pricePlanComparisons: Record<string, number>[] };
    const baselineCosts = toEntries(baselineCompare.costs);
    for (const [i, entry] of baselineCosts.entries()) {
      const [id, cost] = Object.entries(entry)[0]!;
      const ours = productCosts.pricePlanComparisons[i]![id]!;
      if (Math.abs(ours - cost) > 1e-6 * Math.max(1, cost)) throw new Error(`compare-all differs for ${id}: ${ours} vs ${cost}`);
    }
    const weekReadings = JSON.parse(weekRead.body as string) as Reading[];
    if (weekReadings.length !== baselineWeek.readings.length || weekReadings.length !== 7 * 24 * 60) {
      throw new Error(`week read differs: ${weekReadings.length} vs ${baselineWeek.readings.length}`);
    }
    table(
      ['request', 'product (summaries) read units', "today's path (readings) read units", 'per-item baseline read units'],
      [
        ['compare-all over the year', fmt(productCompareReads), fmt(rawCompareReads), fmt(baselineCompareReads)],
        ['usage groupBy=month over the year', fmt(productMonthReads), fmt(rawMonthReads), '—'],
        ['read the week before last', fmt(productWeekReads), '(same)', fmt(baselineWeekReads)],
      ],
    );
    log(`\n(The first compare-all, which summarized the 365 settled days: ${fmt(summarizing.read)} read units, ${fmt(summarizing.write)} write units, once.)`);
    results.p3 = {
      readings: year.length,
      summarizing,
      usageByMonth: { productReadUnits: productMonthReads, rawReadUnits: rawMonthReads },
      compareAll: { productReadUnits: productCompareReads, rawReadUnits: rawCompareReads, baselineReadUnits: baselineCompareReads },
      weekBeforeLast: { productReadUnits: productWeekReads, baselineReadUnits: baselineWeekReads, readings: weekReadings.length },
    };

    // P4 latency ---------------------------------------------------------------------------------------------------
    log(`\n## P4 latency: compare-all over the year, median of ${WARM_RUNS} warm invocations\n`);
    const time = async (fn: () => Promise<unknown>) => {
      await fn(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
      return median(samples);
    };
    const productMs = await time(() => compareAllHandler(compareEvent()));
    const rawMs = await time(async () => JSON.stringify(toEntries((await comparePlans(raw, accountOf('smart-meter-0'), {})).costs)));
    const baselineMs = await time(async () => JSON.stringify(toEntries((await comparePlans(baseline, accountOf('smart-meter-0'), {})).costs)));
    table(
      ['path', 'median ms', "ratio to today's path", 'ratio to baseline'],
      [
        ['summaries (product, compare-all handler)', fmt(productMs), fmt(productMs / rawMs, 3), fmt(productMs / baselineMs, 4)],
        ["hourly buckets read raw (today's path, same service)", fmt(rawMs), '1.000', fmt(rawMs / baselineMs, 3)],
        ['one item per reading (same service)', fmt(baselineMs), '—', '1.000'],
      ],
    );
    results.p4 = { productMedianMs: productMs, rawMedianMs: rawMs, baselineMedianMs: baselineMs, ratioToRaw: productMs / rawMs, ratio: productMs / baselineMs };

    // P5 authorizer ------------------------------------------------------------------------------------------------
    log('\n## P5 the meter-key authorizer: read units of one uncached check (API Gateway caches the answer 300 s)\n');
    const { meterKey } = await rotateMeterKey(new DynamoDbAccountsStore(setupClient, 'bench-accounts', 'bench-meter-keys'), 'smart-meter-0');
    productMeter.reset();
    const identified = await authorizerHandler({ headers: { authorization: `Bearer ${meterKey}` } } as unknown as Parameters<typeof authorizerHandler>[0]);
    const authorizerReads = productMeter.units.read;
    if (identified.context?.smartMeterId !== 'smart-meter-0') throw new Error(`authorizer identified ${JSON.stringify(identified.context)}`);
    table(['check', 'read units', 'DynamoDB calls'], [['meter key → meter (GetItem, eventually consistent)', fmt(authorizerReads, 2), String(productMeter.units.calls.GetItemCommand ?? 0)]]);
    results.p5 = { authorizerReadUnits: authorizerReads };

    // P7 compare-all at the prices of the time --------------------------------------------------------------------
    log('\n## P7 compare-all over the year with live price plans: the 3 seed plans, a time-of-use plan with 4 price changes, a dynamic plan with a year of half-hour prices\n');
    const plansStore = new DynamoDbPricePlansStore(setupClient, BENCH_TABLES.pricePlans);
    const yearStart = END - 365 * 86_400;
    // Four price changes through the year, where suppliers make them: at midnight (London) on the price cap's quarter days.
    const quarterDays = ['2025-04-01T00:00:00+01:00', '2025-07-01T00:00:00+01:00', '2025-10-01T00:00:00+01:00', '2026-01-01T00:00:00Z'].map((t) => Date.parse(t) / 1000);
    const versioned = (pricePlanId: string, starts: number[]) => ({
      pricePlanId,
      supplier: 'The Green Eco',
      timeZone: 'Europe/London',
      rates: [0, ...starts].map((validFrom, k) => ({ validFrom, unitRate: 30 - k, standingChargePerDay: 48 + k, timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 14 - k / 2 }] })),
    });
    await plansStore.savePlan(versioned('economy-7-versioned', quarterDays), undefined);
    const agile = { pricePlanId: 'agile', supplier: 'Agile Energy', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 47 }] };
    await plansStore.savePlan(agile, undefined);
    const published = await publishDemoPrices(plansStore, { currency: 'GBP', vatRate: 0, pricePlans: [agile] }, yearStart - 86_400, END + 86_400, wallClock());
    log(`(set-up: ${published.toLocaleString('en-GB')} half-hour prices published for agile)\n`);
    pricePlansChanged(); // the warm cache forgets the catalogue it read before
    productMeter.reset();
    const t = performance.now();
    const coldCompare = await compareAllHandler(compareEvent());
    const coldMs = performance.now() - t;
    const coldReads = productMeter.units.read;
    productMeter.reset();
    const warmCompare = await compareAllHandler(compareEvent());
    const warmReads = productMeter.units.read;
    const warmMs = await time(() => compareAllHandler(compareEvent()));
    const p7Answer = JSON.parse(warmCompare.body as string) as { pricePlanComparisons: Record<string, number>[]; incomplete: string[] };
    if (coldCompare.body !== warmCompare.body) throw new Error('P7: the cold and warm answers differ');
    if (p7Answer.pricePlanComparisons.length !== 5 || p7Answer.incomplete.length !== 0) throw new Error(`P7: expected 5 complete plans, got ${warmCompare.body}`);
    // The same costs from the readings alone (no summaries): the answer is exact, not an estimate.
    for (const c of (await comparePlans(raw, accountOf('smart-meter-0'), {})).costs) {
      const ours = p7Answer.pricePlanComparisons.find((e) => c.pricePlanId in e)![c.pricePlanId]!;
      if (Math.abs(ours - c.cost) > 1e-9 * Math.max(1, Math.abs(c.cost))) throw new Error(`P7: summaries and readings differ for ${c.pricePlanId}: ${ours} vs ${c.cost}`);
    }
    // The same plan changing at odd instants (inside half hours): the days around each change are read raw, exactly.
    await plansStore.savePlan(versioned('economy-7-odd-instants', [1, 2, 3, 4].map((k) => yearStart + k * 73 * 86_400 + 4_321)), undefined);
    pricePlansChanged();
    await compareAllHandler(compareEvent());
    productMeter.reset();
    await compareAllHandler(compareEvent());
    const oddReads = productMeter.units.read;
    const oddMs = await time(() => compareAllHandler(compareEvent()));
    table(
      ['compare-all over the year', 'read units', 'ms'],
      [
        ['5 plans, cold (the catalogue and the year of prices read once)', fmt(coldReads), fmt(coldMs)],
        [`5 plans, warm (prices cached; median of ${WARM_RUNS} for ms)`, fmt(warmReads), fmt(warmMs)],
        ['6 plans (+ the plan changing at odd instants inside half hours), warm', fmt(oddReads), fmt(oddMs)],
      ],
    );
    results.p7 = { coldReadUnits: coldReads, coldMs, warmReadUnits: warmReads, warmMedianMs: warmMs, publishedPrices: published, oddInstants: { warmReadUnits: oddReads, warmMedianMs: oddMs } };

    // Verdicts -----------------------------------------------------------------------------------------------------
    const verdicts = [
      ...p1Verdicts,
      { target: "P6 the web app's JavaScript ≤ 100 KB gzip", met: webJsGzipKb <= 100, value: `${fmt(webJsGzipKb)} KB` },
      { target: 'P5 read units per uncached authorizer check ≤ 0.5', met: authorizerReads <= 0.5, value: fmt(authorizerReads, 2) },
      ...p2Verdicts,
      { target: 'P3 compare-all over a year ≤ 20 read units', met: productCompareReads <= 20, value: fmt(productCompareReads) },
      { target: 'P3 usage groupBy=month over a year ≤ 20 read units', met: productMonthReads <= 20, value: fmt(productMonthReads) },
      { target: "P4 compare-all latency ≤ 1/10 of today's path (readings)", met: productMs <= rawMs / 10, value: `${fmt(productMs / rawMs, 3)}×` },
      { target: 'P4 compare-all latency ≤ 1/3 of the per-item baseline', met: productMs <= baselineMs / 3, value: `${fmt(productMs / baselineMs, 4)}×` },
      { target: 'P7 compare-all over a year with live, versioned and dynamic plans ≤ 30 read units (warm)', met: warmReads <= 30, value: `${fmt(warmReads)} (cold ${fmt(coldReads)})` },
      { target: 'P7 compare-all over a year with live plans ≤ 100 ms warm, locally', met: warmMs <= 100, value: `${fmt(warmMs)} ms (cold ${fmt(coldMs)} ms)` },
    ];
    printVerdicts(verdicts);
    results.verdicts = verdicts;
    results.durationSeconds = (Date.now() - started) / 1000;
    writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
    log(`\nwrote bench/results.json (${fmt((Date.now() - started) / 1000)} s)`);
  } finally {
    await database.stop();
  }
}

await main();

/** P8 (`--p8-only`): what a meter's last reading, a fleet-health run and a page of GET /admin/meters read. */
async function measureMeterHealth(productMeter: ReturnType<typeof capacityMeter>, end: number): Promise<void> {
  log('\n## P8 meter health: what a meter\'s last reading costs to know (nothing is written to keep it)\n');
  const healthAccounts = new DynamoDbAccountsStore(documentClient(), BENCH_TABLES.accounts, BENCH_TABLES.meterKeys);
  const healthReadings = new DynamoDbReadingsStore(documentClient(), BENCH_TABLES.readings);
  productMeter.reset();
  const last = await healthReadings.lastReadingAt('smart-meter-0');
  const lastReadingReads = productMeter.units.read;
  if (last === undefined || last < end - 120) throw new Error(`last reading of smart-meter-0: ${last}`);
  productMeter.reset();
  const fleet = await countSilentMeters({ accounts: healthAccounts, readings: healthReadings, now: () => end });
  if (fleet.ok !== fleet.meters) throw new Error(`every demo meter reports, yet ${JSON.stringify(fleet)}`);
  const fleetReads = productMeter.units.read;
  productMeter.reset();
  await listMetersHandler(event({ path: '/admin/meters', query: {} })); // summarizes the week's settled days
  const firstPageReads = productMeter.units.read;
  productMeter.reset();
  await listMetersHandler(event({ path: '/admin/meters', query: {} }));
  const pageReads = productMeter.units.read;
  const perMeterRun = fleetReads / fleet.meters;
  // On-demand reads at the at-scale prices of docs/deploying.md (eu-west-2): $0.283 per million read request units.
  const hourlyAtScale = perMeterRun * 1_000_000 * 24;
  table(
    ['what', 'read units', 'at 1,000,000 meters'],
    [
      ['last reading of smart-meter-0 (its newest hour item: Query, Limit 1, eventually consistent)', fmt(lastReadingReads, 2), '—'],
      [`fleet-health run over ${fleet.meters} reporting meters (accounts Scan + one Query each), per meter`, fmt(perMeterRun, 2), `${fmt(hourlyAtScale / 1e6, 1)} M read units a day (hourly runs) ≈ $${fmt((hourlyAtScale / 1e6) * 0.283 * 30, 0)} a month`],
      [`GET /admin/meters, one page of ${fleet.meters}: the first (it summarizes each week's settled days)`, fmt(firstPageReads, 1), '—'],
      [`GET /admin/meters, the same page again (from the summaries)`, fmt(pageReads, 1), '—'],
    ],
  );
}

/**
 * P9 and P10 (`--p9-only`): an interval meter's year of half hours sent a day at a time through the store handler
 * (write units per 1,000 half hours), compare-all over that year (read units), and a household's own year compared
 * over every plan of a live catalogue with a dynamic plan (server time, warm; request size).
 */
async function measureIntervalMeters(productMeter: ReturnType<typeof capacityMeter>, setupClient: ReturnType<typeof createDocumentClient>, accounts: DynamoDbAccountsStore): Promise<void> {
  const METER = 'bench-interval-meter';
  await accounts.save(newAccount(METER, 'price-plan-0', { kind: 'interval' }));
  const plansStore = new DynamoDbPricePlansStore(setupClient, BENCH_TABLES.pricePlans);
  const yearStart = END - 365 * 86_400;
  // Every plan of the example catalogue (flex, economy-7, agile: a dynamic plan) beside the seed's, agile's half-hour
  // prices published over the year.
  const example = parseCatalogueJson(readFileSync('shared/catalogue/example-catalogue.json', 'utf8'), 'example-catalogue.json');
  for (const plan of example.pricePlans) await plansStore.savePlan(plan, undefined);
  await publishDemoPrices(plansStore, example, yearStart - 86_400, END + 86_400, Math.floor(Date.now() / 1000));
  pricePlansChanged();
  // A household's year: more at breakfast and in the evening, a little overnight, never the same two days running.
  const year = Array.from({ length: 365 * 48 }, (_, i) => {
    const slot = i % 48;
    const base = slot >= 34 && slot < 44 ? 0.6 : slot >= 14 && slot < 18 ? 0.45 : slot < 12 ? 0.12 : 0.22;
    return { start: yearStart + i * 1800, kWh: Math.round((base + ((i * 7919) % 97) / 1000) * 1000) / 1000 };
  });

  log('\n## P9 interval meters: a year of half hours sent a day at a time, then compare-all over the year\n');
  productMeter.reset();
  for (let day = 0; day < 365; day++) {
    const answer = await storeIntervalsHandler(event({ method: 'POST', path: '/readings/intervals', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ smartMeterId: METER, intervals: year.slice(day * 48, day * 48 + 48) }) }));
    if (answer.statusCode !== 200) throw new Error(`P9: day ${day}: ${answer.statusCode} ${answer.body}`);
  }
  const writesPerThousand = (productMeter.units.write / year.length) * 1000;
  const byTable = { ...productMeter.units.byTable };
  productMeter.reset();
  const resend = await storeIntervalsHandler(event({ method: 'POST', path: '/readings/intervals', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ smartMeterId: METER, intervals: year.slice(0, 48) }) }));
  const resendWrites = productMeter.units.write;
  const compareAll = () => compareAllHandler(event({ path: `/price-plans/compare-all/${METER}`, pathParameters: { smartMeterId: METER } }));
  productMeter.reset();
  const compare = await compareAll();
  const coldCompareReads = productMeter.units.read;
  if (compare.statusCode !== 200) throw new Error(`P9: compare-all: ${compare.body}`);
  productMeter.reset();
  await compareAll(); // the catalogue and the dynamic plan's prices cached, as in a warm function
  const compareReads = productMeter.units.read;
  const compareByTable = Object.entries(productMeter.units.byTable).map(([k, v]) => `${k} ${fmt(v)}`).join('; ');
  table(
    ['what', 'units'],
    [
      [`write units per 1,000 half hours (${year.length.toLocaleString('en-GB')} sent as 365 days of 48; floor 20.8: one unit per day item)`, fmt(writesPerThousand, 2)],
      ['units by table and command (reads included)', Object.entries(byTable).map(([k, v]) => `${k} ${fmt(v)}`).join('; ')],
      [`write units of a day sent again unchanged (${resend.body})`, fmt(resendWrites)],
      ['read units of compare-all over the year, cold (the catalogue and a year of a dynamic plan\'s prices read too)', fmt(coldCompareReads)],
      [`read units of compare-all over the year, warm (${compareByTable})`, fmt(compareReads)],
    ],
  );

  log('\n## P10 bring your own data: a year of half hours compared over every plan (the seed\'s and the example catalogue\'s, a dynamic plan included)\n');
  const ownYear = year.slice(0, 365 * 48);
  const body = JSON.stringify({ intervals: ownYear, currentPricePlanId: 'price-plan-0' });
  const ownEvent = () => apiGatewayEvent({ method: 'POST', path: '/price-plans/compare', headers: { 'content-type': 'application/json' }, body, authorizer: {} });
  const cold = performance.now();
  const first = await compareIntervalsHandler(ownEvent());
  const coldMs = performance.now() - cold;
  if (first.statusCode !== 200) throw new Error(`P10: ${first.statusCode} ${first.body}`);
  const plans = (JSON.parse(first.body as string) as { pricePlanComparisons: unknown[]; incomplete: string[] });
  const samples: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    await compareIntervalsHandler(ownEvent());
    samples.push(performance.now() - t);
  }
  const warmMs = median(samples);
  const bodyKb = Buffer.byteLength(body) / 1024;
  table(
    ['what', 'value'],
    [
      ['half hours', ownYear.length.toLocaleString('en-GB')],
      ['plans costed (complete + incomplete)', `${plans.pricePlanComparisons.length} + ${plans.incomplete.length}`],
      ['request body', `${fmt(bodyKb)} KB`],
      ['server time, cold (catalogue and a year of prices read)', `${fmt(coldMs)} ms`],
      [`server time, warm (median of ${WARM_RUNS})`, `${fmt(warmMs)} ms`],
    ],
  );
  printVerdicts(
    [
      { target: 'P9 ≤ 25 write units per 1,000 half hours sent a day at a time, summaries included', met: writesPerThousand <= 25, value: fmt(writesPerThousand, 2) },
      { target: 'P9 compare-all over a year of half hours ≤ 20 read units (warm)', met: compareReads <= 20, value: `${fmt(compareReads)} (cold ${fmt(coldCompareReads)})` },
      { target: 'P10 a year of half hours over every plan ≤ 150 ms server time, warm', met: warmMs <= 150, value: `${fmt(warmMs)} ms` },
      { target: 'P10 request body < 1 MB', met: bodyKb < 1024, value: `${fmt(bodyKb)} KB` },
    ],
    ' (P9 and P10 only: --p9-only)',
  );
}
