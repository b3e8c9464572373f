/// <reference lib="dom" />
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { DynamoDbPricePlansStore } from '../../shared/storage/dynamodb/dynamodb-price-plans-store.js';
import { publishDemoCalorificValues, publishDemoPrices } from '../../demo/demo-prices.js';
import { publishHalfHours } from '../../shared/services/half-hour-publishing.js';
import { CARBON_INTENSITY_SERIES } from '../../shared/ports/price-plans-store.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGasWeek, demoHalfHours, demoWeek } from '../../demo/seed-demo-data.js';
import { intervalsStore, readingsStore } from '../../shared/runtime.js';
import { DEMO_ACCOUNTS, newAccount } from '../../shared/domain/accounts.js';
import { plansOf } from '../../shared/domain/price-plans.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { launchChromium } from '../../web/chromium.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables } from '../support/tables.js';
import { fixClock } from '../support/clock.js';

/** One instant for the server (this process) and every page: no run depends on the day or crosses a midnight. */
const NOW = fixClock();

/**
 * The customers' web app in a real browser (Debian's chromium through Playwright), against the real handlers on the
 * local server: with AUTH=on exactly as the stack enforces it, and in the open demo mode.
 */
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const kWhText = (value: number) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value)} kWh`;

describe('web app in chromium', () => {
  let browser: Browser;
  let secured: RunningServer;
  let open: RunningServer;

  beforeAll(async () => {
    // The seed plans with VAT at 5%, a price change of price-plan-1 scheduled for tomorrow, and a dynamic plan whose
    // generated prices are published over the demo week and tomorrow, as `npm start` does with the example catalogue.
    const now = NOW;
    const [p0, p1, p2] = DEFAULT_CATALOGUE.pricePlans;
    const catalogue = {
      currency: 'GBP',
      vatRate: 0.05,
      pricePlans: [
        p0!,
        { ...p1!, rates: [...p1!.rates, { validFrom: now + 86_400, unitRate: 2.5, standingChargePerDay: 30 }] },
        p2!,
        { pricePlanId: 'agile', supplier: 'Agile Energy', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 47 }] },
        ...plansOf(DEFAULT_CATALOGUE, 'export'), // the solar demo household's
        ...plansOf(DEFAULT_CATALOGUE, 'import', 'gas'), // and the dual-fuel one's
      ],
    };
    const tables = await freshTables({ catalogue });
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts, tables.meterKeys);
    // The demo week `npm start` seeds, written straight into the table: the pages are proven here, not the loading.
    await Promise.all(DEMO_ACCOUNTS.map((account, index) => (account.kind === 'interval' ? intervalsStore().save(account.smartMeterId, account.fuel === 'gas' ? demoGasWeek(index, now) : demoHalfHours(index, now)) : readingsStore().seed(account.smartMeterId, demoWeek(index, now)))));
    const plansStore = new DynamoDbPricePlansStore(createDocumentClient(), tables.pricePlans);
    await publishDemoPrices(plansStore, catalogue, now - 8 * 86_400, now + 2 * 86_400, now);
    await publishDemoCalorificValues(plansStore, now - 8 * 86_400, now + 2 * 86_400, now);
    // Two days of carbon forecasts from today's midnight, cleanest six hours from now (inside the card's next 24 h).
    const day = now - (now % 86_400);
    const cleanest = now - (now % 1800) + 6 * 3600;
    const forecast = Array.from({ length: 96 }, (_, i) => ({ from: day + i * 1800, value: day + i * 1800 === cleanest ? 40 : 150 + (i % 48) }));
    await publishHalfHours(plansStore, CARBON_INTENSITY_SERIES, forecast, now, 'carbon intensity');
    await accounts.save(newAccount('new-meter', 'price-plan-1')); // onboarded, no readings yet
    [secured, open, browser] = await Promise.all([startLocalServer({ auth: true }), startLocalServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([secured?.close(), open?.close()]);
  });

  /** A fresh browser profile; every console error and page error (a CSP violation included) is collected. */
  async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport });
    await context.clock.setFixedTime(NOW * 1000); // the page's clock is the server's
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    return { context, page, problems };
  }

  /** The API, called with the token the app holds (read from its session storage). */
  async function apiAsApp<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
    return page.evaluate(async (target) => {
      const { token } = JSON.parse(sessionStorage.getItem('joi.token') ?? '{}') as { token?: string };
      const response = await fetch(target, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as unknown };
    }, path) as Promise<{ status: number; body: T }>;
  }

  it('signs a customer in, shows the seeded week, compares plans as the API does, switches plan and signs out', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(secured.base + '/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The local issuer's sign-in page lists the demo customers.
    await expect.poll(() => page.getByRole('button', { name: /^Sign in as/ }).count()).toBe(new Set(DEMO_ACCOUNTS.map((a) => a.customerId)).size + 2); // the demo customers, two operators
    await page.getByRole('button', { name: /Sign in as Sarah/ }).click();
    await page.waitForURL(/#\/meters\/smart-meter-0$/);

    // The chart of the seeded week: the totals equal the API's usage for the very query the page made.
    const chart = page.locator('.chart');
    await chart.locator('canvas').waitFor();
    const query = new URLSearchParams((await chart.getAttribute('data-query'))!);
    expect(query.get('groupBy')).toBe('hour');
    expect(Number(query.get('to')) - Number(query.get('from'))).toBe(7 * 86_400);
    const usage = await apiAsApp<{ periods: { kWh: number }[] }>(page, `/usage/smart-meter-0?${query}`);
    const total = usage.body.periods.reduce((sum, p) => sum + p.kWh, 0);
    expect(total).toBeGreaterThan(10); // a week of a household's readings
    expect(usage.body.periods.length).toBeGreaterThanOrEqual(168);
    await expect.poll(() => page.getByTestId('usage-total').innerText()).toContain(`Total ${kWhText(total)} over ${usage.body.periods.length} hours`);

    // Every plan's figure in both periods equals compare-all over the same from/to, cheapest first.
    const periods = page.locator('[data-period]');
    await periods.first().waitFor();
    expect(await periods.count()).toBe(2);
    for (const period of await periods.all()) {
      const [from, to] = [await period.getAttribute('data-from'), await period.getAttribute('data-to')];
      const compared = await apiAsApp<{ pricePlanComparisons: Record<string, number>[] }>(page, `/price-plans/compare-all/smart-meter-0?from=${from}&to=${to}`);
      const expected = compared.body.pricePlanComparisons.map((entry) => Object.entries(entry)[0]!);
      const rows = await period.locator('tbody tr').all();
      expect(rows.length).toBe(expected.length);
      for (const [i, row] of rows.entries()) {
        const [planId, cost] = expected[i]!;
        expect(await row.getAttribute('data-plan')).toBe(planId);
        expect(Number(await row.locator('[data-cost]').getAttribute('data-cost'))).toBeCloseTo(cost, 6);
        expect(await row.locator('[data-cost]').innerText()).toBe(pounds.format(cost / 100)); // pence, shown in pounds
      }
    }

    // The best time to use energy is the API's own cheapest window for the chosen length, on the customer's plan.
    await expect.poll(() => page.getByTestId('best-window').getAttribute('data-status')).toBe('ok');
    expect(await page.getByTestId('best-window').innerText()).toMatch(/^Cheapest 3 hours in the next day on price-plan-0: .+, at 10\.50p\/kWh on average\.$/);
    const asked = (await page.getByTestId('best-window').getAttribute('data-query'))!;
    const answer = (await apiAsApp<{ slots: { from: number }[]; averageRate: number }>(page, `/advice/smart-meter-0/cheapest-window?${asked}`)).body;
    expect(await page.locator('.best-time .price-chart-plot').first().locator('rect.cheapest').count()).toBe(answer.slots.length);
    expect(await page.getByTestId('best-window').innerText()).toContain(`${answer.averageRate.toFixed(2)}p/kWh`);
    await page.locator('#window-hours').selectOption('1');
    await expect.poll(() => page.getByTestId('best-window').innerText()).toMatch(/^Cheapest 1 hour in the next day on price-plan-0: /);
    expect(await page.locator('.best-time .price-chart-plot').first().locator('rect.cheapest').count()).toBe(2); // two half hours marked
    await expect.poll(() => page.getByTestId('cleanest-half-hour').innerText()).toMatch(/^Cleanest half hour: .+ \d\d:[03]0 \(40 gCO₂\/kWh\)\.$/);
    expect(await page.locator('.best-time .price-bars').count()).toBe(2);
    // smart-meter-0 is on a flat plan: the sentence says so, and names agile's saving as another plan's (#33.21).
    await expect.poll(() => page.getByTestId('load-shift').innerText()).toMatch(/^On your plan, price-plan-0, the price is the same all day, so moving use to other hours saves nothing\. On agile, another plan whose price changes through the day, it would have saved £[\d.]+\.$/);

    // The savings sentence names the API's recommendation; switching to it makes it current.
    const [recommended] = Object.keys(
      (await apiAsApp<Record<string, number>[]>(page, `/price-plans/recommend/smart-meter-0?from=${await periods.first().getAttribute('data-from')}&to=${await periods.first().getAttribute('data-to')}&limit=1`)).body[0]!,
    );
    expect(recommended).toBe('price-plan-2');
    // A week of readings: the saving, and no yearly figure scaled up from it (that needs four weeks).
    await expect.poll(() => page.getByTestId('advice').innerText()).toMatch(/^On price-plan-2 \(Power for Everyone\) you would have paid £[\d,.]+ less over all your readings\.$/);
    expect(await page.getByTestId('current-plan').innerText()).toContain('price-plan-0');
    await page.getByRole('button', { name: `Switch to ${recommended}` }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').innerText()).toBe('Switch to price-plan-2 (Power for Everyone)?');
    await dialog.getByRole('button', { name: 'Yes, switch' }).click();
    // The outcome is said where the customer pressed the button: in the plans card, not in the page's banner.
    await expect.poll(() => page.locator('.plans').getByRole('status').innerText()).toBe('Done: you are now on price-plan-2 (Power for Everyone).');
    expect(await page.locator('#banner').innerText()).not.toContain('Done');
    await expect.poll(() => page.getByTestId('current-plan').innerText()).toContain('price-plan-2');
    await expect.poll(() => page.getByTestId('advice').innerText()).toContain('You are already on the cheapest plan');
    expect(await page.getByRole('button', { name: /^Switch to/ }).count()).toBe(0);
    expect((await apiAsApp<{ pricePlanId: string }>(page, '/accounts/smart-meter-0')).body.pricePlanId).toBe('price-plan-2');

    // The account page shows the history, newest first; the overview's news does not follow the customer there.
    await page.getByRole('link', { name: 'Account' }).click();
    await expect.poll(() => page.locator('main').innerText()).not.toContain('Done:');
    await expect.poll(() => page.getByTestId('account-plan').innerText()).toBe('price-plan-2');
    const history = await page.getByTestId('plan-history').locator('tbody tr').allInnerTexts();
    expect(history.map((row) => row.split('\t')[0])).toEqual(['price-plan-2Current', 'price-plan-0']);

    // Personal API keys: her account number as GET /me says it; a key made, shown once, that reads /v1/; revoked.
    const me = await apiAsApp<{ accountNumber: string }>(page, '/me');
    await expect.poll(() => page.getByTestId('account-number').innerText()).toBe(me.body.accountNumber);
    await page.getByTestId('create-api-key').click();
    const apiKey = await page.getByTestId('new-api-key').innerText();
    expect(apiKey).toMatch(/^jp_/);
    await expect.poll(() => page.getByTestId('api-key-list').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('api-keys').innerText()).toContain(apiKey); // only in the once-only box
    await page.reload();
    await expect.poll(() => page.getByTestId('api-key-list').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('api-keys').innerText()).not.toContain(apiKey); // never shown again
    const basic = { authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` };
    expect((await fetch(`${secured.base}/v1/accounts/${me.body.accountNumber}/`, { headers: basic })).status).toBe(200);
    await page.getByRole('button', { name: /^Revoke key/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByTestId('no-api-keys').count()).toBe(1);
    expect((await fetch(`${secured.base}/v1/accounts/${me.body.accountNumber}/`, { headers: basic })).status).toBe(401);

    // Another customer's meter is not reachable: the app says so, and the API refuses her token.
    await page.goto(secured.base + '/#/meters/smart-meter-1');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('You cannot see this meter');
    // Asking again cannot help with a 403: the way out is another meter.
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Choose another meter' }).count()).toBeGreaterThan(0);
    expect((await apiAsApp(page, '/price-plans/savings/smart-meter-1')).status).toBe(403);
    expect((await apiAsApp<{ accounts: { smartMeterId: string }[] }>(page, '/accounts')).body.accounts.map((a) => a.smartMeterId)).toEqual(['smart-meter-0', 'smart-meter-7']); // her electricity and gas meters

    // Signing out ends the session: the app is back at its sign-in page, and the token is gone.
    await page.goto(secured.base + '/#/meters/smart-meter-0');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('joi.token'))).toBeNull();
    await context.close();
    expect(problems.filter((p) => !p.endsWith('status of 403 (Forbidden)'))).toEqual([]); // only smart-meter-1's refusals
  });

  it('asks to sign in again when the session expired, and offers a retry when the API answers 503', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(secured.base + '/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Sign in as Peter/ }).click();
    await page.locator('.chart canvas').waitFor();

    await page.route('**/usage/**', (route) => route.fulfill({ status: 503, contentType: 'application/json', headers: { 'retry-after': '1' }, body: '{"message":"storage unavailable"}' }));
    await page.getByLabel('Energy per', { exact: true }).selectOption('day');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('busy right now');
    await page.unroute('**/usage/**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.chart canvas').waitFor();
    expect(await page.getByTestId('usage-total').innerText()).toMatch(/over \d+ days/);

    // The token runs out while the page is open: the next call gets 401 and the app asks to sign in again.
    await page.route('**/usage/**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"message":"Unauthorized"}' }));
    await page.getByLabel('Period', { exact: true }).selectOption('30');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Your session has expired');
    await page.unroute('**/usage/**');
    // An expired token found at start: the sign-in page says why.
    await page.evaluate(() => {
      const stored = JSON.parse(sessionStorage.getItem('joi.token')!) as { token: string };
      sessionStorage.setItem('joi.token', JSON.stringify({ ...stored, expires: Date.now() - 1000 }));
    });
    await page.reload();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toBe('Your session has expired. Please sign in again.');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Sign in as Peter/ }).click();
    await page.locator('.chart canvas').waitFor();
    await context.close();
    expect(problems.filter((p) => !/status of (503|401)/.test(p))).toEqual([]);
  });

  it('opens on a meter picker in demo mode (AUTH off), and fits a phone screen', async () => {
    const { context, page, problems } = await newPage({ width: 390, height: 844 });
    await page.goto(open.base + '/');
    await expect.poll(() => page.locator('#banner').innerText()).toContain('Demo mode');
    await page.getByRole('link', { name: /smart-meter-3/ }).click();
    await page.locator('.chart canvas').waitFor();
    await page.getByTestId('advice').waitFor();
    expect(await page.getByTestId('current-plan').innerText()).toContain('price-plan-2');
    // Nothing wider than the phone's screen but the tables' own scroll boxes.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The open demo shows the Operations area to everyone, under the demo banner; it too fits the phone.
    await page.getByRole('link', { name: 'Operations' }).click();
    await expect.poll(() => page.locator('[data-testid=meters] tr[data-meter="new-meter"]').getAttribute('data-status')).toBe('never');
    expect(await page.locator('#banner').innerText()).toContain('Demo mode');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('link', { name: 'Customer view' }).click();
    await page.getByRole('link', { name: /smart-meter-3/ }).click();
    await page.locator('.chart canvas').waitFor();

    // A meter without readings: a friendly empty chart, and the advice says how much data it needs.
    await page.getByRole('link', { name: 'Change meter' }).click();
    await page.getByRole('link', { name: /new-meter/ }).click();
    await expect.poll(() => page.locator('.usage .empty').innerText()).toContain('No readings in this period yet');
    await expect.poll(() => page.getByTestId('advice').innerText()).toBe('We need at least 7 days of readings to tell you which plan is cheapest; we have 0 days so far.');

    // Keyboard only: the switch dialog opens from the keyboard, takes the focus, and Escape leaves the plan unchanged.
    await page.getByRole('link', { name: 'Change meter' }).click();
    await page.getByRole('link', { name: /smart-meter-4/ }).click();
    const switchButton = page.getByRole('button', { name: /^Switch to/ }).first();
    await switchButton.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, switch');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByTestId('current-plan').innerText()).toContain('price-plan-1');
    await context.close();
    expect(problems).toEqual([]);
  });

  it('draws a bar for every period with labels that name it, and shows every plan\'s prices side by side', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(open.base + '/#/meters/smart-meter-3');
    const chart = page.locator('.chart');
    await chart.locator('canvas').waitFor();
    const pick = async (range: string, groupBy: string) => {
      await page.getByLabel('Period', { exact: true }).selectOption(range);
      await page.getByLabel('Energy per', { exact: true }).selectOption(groupBy);
      await expect.poll(async () => new URLSearchParams((await chart.getAttribute('data-query')) ?? '').get('groupBy')).toBe(groupBy);
      await chart.locator('canvas').waitFor();
    };
    for (const [range, groupBy] of [['30', 'week'], ['30', 'month'], ['7', 'day'], ['all', 'hour']] as const) {
      await pick(range, groupBy);
      const usage = (await apiAsApp<{ periods: { from: number; to: number; kWh: number }[] }>(page, `/usage/smart-meter-3?${await chart.getAttribute('data-query')}`)).body;
      const total = usage.periods.reduce((sum, p) => sum + p.kWh, 0);
      await expect.poll(() => page.getByTestId('usage-total').innerText(), { message: `${range}/${groupBy}` }).toContain(`Total ${kWhText(total)}`);
      // Every period has its bar: the time axis runs from the first period's start to the last one's end.
      expect(Number(await chart.getAttribute('data-x-min')), `${range}/${groupBy}`).toBe(usage.periods[0]!.from);
      expect(Number(await chart.getAttribute('data-x-max')), `${range}/${groupBy}`).toBe(usage.periods.at(-1)!.to);
      // Time labels sit on period starts, each named once; energy labels say the very value of their tick.
      const xTicks = JSON.parse((await chart.getAttribute('data-x-ticks'))!) as { t: number; label: string }[];
      const starts = new Set(usage.periods.map((p) => p.from));
      expect(xTicks.every((tick) => starts.has(tick.t)), `${range}/${groupBy}`).toBe(true);
      expect(new Set(xTicks.map((tick) => tick.label)).size, `${range}/${groupBy}`).toBe(xTicks.length);
      const yTicks = JSON.parse((await chart.getAttribute('data-y-ticks'))!) as { t: number; label: string }[];
      for (const tick of yTicks) expect(Number(tick.label.replace(/,/g, '')), `${groupBy}: ${tick.label}`).toBeCloseTo(tick.t, 9);
    }
    // The busiest period is named as precisely as the grouping: an hour with its time, a month by its name.
    await pick('7', 'hour');
    await expect.poll(() => page.getByTestId('usage-total').innerText()).toMatch(/busiest hour: [\d.]+ kWh \(\w{3}, \d{1,2} \w{3} \d{4}, \d\d:\d\d–\d\d:\d\d\)/);
    await pick('30', 'month');
    await expect.poll(() => page.getByTestId('usage-total').innerText()).toMatch(/busiest month: [\d.]+ kWh \([A-Z][a-z]+ \d{4}\)/);

    // Every plan shows its unit rate and standing charge, a flat one too.
    const rows = page.locator('[data-period] tbody tr');
    await rows.first().waitFor();
    for (const row of await rows.all()) {
      expect(await row.locator('td.hours').innerText()).toMatch(/^([\d.]+p\/kWh|a new price every half hour), standing charge [\d.]+p\/day/);
    }
    // VAT is said once; a scheduled price change is shown with its date; the dynamic plan's prices are charted.
    expect(await page.getByTestId('plans-intro').innerText()).toContain('Prices include VAT at 5%.');
    expect(await page.locator('[data-period] tbody tr[data-plan="price-plan-1"] td.hours').first().innerText()).toMatch(/\. From \d{1,2} \w{3} \d{4}: 2\.63p\/kWh, standing charge 31\.50p\/day$/);
    await expect.poll(() => page.getByTestId('cheapest-half-hours').innerText()).toMatch(/^Cheapest coming half hours: /);
    expect(await page.locator('.price-bars rect').count()).toBeGreaterThanOrEqual(48);

    // A meter id no URL can carry is answered without a crash, and so is an escape that does not decode.
    for (const hash of ['#/meters/..', '#/meters/%E0%A4%A', '#/ops/meters/%E0%A4%A']) {
      await page.goto(`${open.base}/${hash}`);
      await expect.poll(() => page.getByRole('alert').first().innerText(), { message: hash }).toContain('We could not find this meter');
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('shows a solar household what it exported and earned, every pair ranked as the API does, switches both plans together, and nets its statement', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(open.base + '/#/meters/smart-meter-6');
    const rows = page.locator('[data-testid=pairs] tbody tr');
    await rows.first().waitFor();
    // The pairs, in the page's order and with its nets, are compare-pairs' over the advice's period.
    const report = (await apiAsApp<{ periods: { from: number; to: number }[]; pairAdvice: { importPlanId: string; exportPlanId: string } | null }>(page, '/price-plans/savings/smart-meter-6')).body;
    const basis = report.periods.at(-1)!;
    type Pairs = { current: { importPlanId: string; exportPlanId: string }; pairs: { importPlanId: string; exportPlanId: string; net: number }[] };
    const ranked = (await apiAsApp<Pairs>(page, `/price-plans/compare-pairs/smart-meter-6?from=${basis.from}&to=${basis.to}`)).body;
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-pair'), Number(tr.querySelector('[data-net]')!.getAttribute('data-net'))]))).toEqual(
      ranked.pairs.map((p) => [`${p.importPlanId} + ${p.exportPlanId}`, p.net]),
    );
    const week = (await apiAsApp<{ kWh: number; cost: number }>(page, `/usage/smart-meter-6-export/cost?from=${NOW - 7 * 86_400}&to=${NOW}`)).body;
    expect(await page.getByTestId('solar-earned').innerText()).toContain(`you exported ${kWhText(week.kWh)} and earned ${pounds.format(-week.cost / 100)}`);
    const best = ranked.pairs[0]!;
    expect(report.pairAdvice).toMatchObject({ importPlanId: best.importPlanId, exportPlanId: best.exportPlanId });
    expect(await page.getByTestId('pair-advice').innerText()).toMatch(new RegExp(`^With ${best.importPlanId} \\+ ${best.exportPlanId} you would pay £[\\d.]+ less`));

    // The pair switch says both changes, and both plans change.
    await page.locator(`tr[data-pair="${best.importPlanId} + ${best.exportPlanId}"]`).getByRole('button', { name: 'Switch to this pair' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain(`Import (what you buy): ${ranked.current.importPlanId} → ${best.importPlanId}`);
    expect(await dialog.innerText()).toContain(`Export (what you sell): ${ranked.current.exportPlanId} → ${best.exportPlanId}`);
    await page.getByRole('button', { name: 'Yes, switch both' }).click();
    await expect.poll(async () => (await apiAsApp<{ pricePlanId: string }>(page, '/accounts/smart-meter-6-export')).body.pricePlanId).toBe(best.exportPlanId);
    expect((await apiAsApp<{ pricePlanId: string }>(page, '/accounts/smart-meter-6')).body.pricePlanId).toBe(best.importPlanId);
    await expect.poll(() => page.locator('tr.current[data-pair]').getAttribute('data-pair')).toBe(`${best.importPlanId} + ${best.exportPlanId}`);

    // The statement takes the export credit off before VAT on the import; its total is the API's.
    await page.goto(open.base + '/#/meters/smart-meter-6/statements');
    const total = page.getByTestId('statement-total');
    await total.waitFor();
    const query = (await page.locator('dl.totals').getAttribute('data-query'))!;
    const statement = (await apiAsApp<{ total: number; export: { kWh: number; exportCredit: number } }>(page, `/statements/smart-meter-6?${query}`)).body;
    expect(Number(await total.getAttribute('data-total'))).toBe(statement.total);
    expect(await page.getByTestId('statement-export').innerText()).toBe(`${kWhText(statement.export.kWh)}, ${pounds.format(statement.export.exportCredit / 100)} earned, taken off`);

    // The export meter's own comparison speaks of earnings, and offers no best time to use energy.
    await page.goto(open.base + '/#/meters/smart-meter-6-export');
    await page.getByTestId('advice').waitFor();
    expect(await page.locator('[data-period] thead').first().innerText()).toContain('You would earn');
    expect(await page.locator('.card.best-time').isVisible()).toBe(false);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('shows a dual-fuel household both fuels ranked together and one total, and a gas meter its kWh with the m³ beside them', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(open.base + '/#/meters/smart-meter-0');
    const rows = page.locator('[data-testid=dual-pairs] tbody tr');
    await rows.first().waitFor();
    const report = (await apiAsApp<{ periods: { from: number; to: number }[] }>(page, '/price-plans/savings/smart-meter-0')).body;
    const basis = report.periods.at(-1)!;
    const ranked = (await apiAsApp<{ pairs: { electricityPlanId: string; gasPlanId: string; total: number }[] }>(page, `/price-plans/compare-dual/smart-meter-0?from=${basis.from}&to=${basis.to}`)).body;
    expect(ranked.pairs.length).toBe(8); // four electricity plans (the seed's and agile) × two gas plans
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-pair'), Number(tr.querySelector('[data-total]')!.getAttribute('data-total'))]))).toEqual(
      ranked.pairs.map((p) => [`${p.electricityPlanId} + ${p.gasPlanId}`, p.total]),
    );
    await page.goto(open.base + '/#/meters/smart-meter-0/statements');
    const dual = page.getByTestId('statement-dual-total');
    await dual.waitFor();
    const query = (await page.locator('dl.totals').first().getAttribute('data-query'))!;
    const statement = (await apiAsApp<{ dualFuel: { total: number } }>(page, `/statements/smart-meter-0?${query}`)).body;
    expect(Number(await dual.getAttribute('data-total'))).toBe(statement.dualFuel.total);
    // The gas meter's own overview: its kWh with the volume beside them, its gas plans, no best-time card.
    await page.goto(open.base + '/#/meters/smart-meter-7');
    await expect.poll(() => page.getByTestId('usage-total').innerText()).toMatch(/Total [\d,.]+ kWh \([\d,.]+ m³ of gas\)/);
    await page.locator('[data-period] tbody tr').first().waitFor();
    expect((await page.locator('[data-period] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-plan')))).every((id) => id?.startsWith('gas-'))).toBe(true);
    expect(await page.locator('.card.best-time').isVisible()).toBe(false);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows a month's statement whose total is the API's, by day with its half hours, and downloads it as CSV", async () => {
    const { context, page, problems } = await newPage();
    await page.goto(open.base + '/#/meters/smart-meter-3/statements');
    const total = page.getByTestId('statement-total');
    await total.waitFor();
    const query = (await page.locator('dl.totals').getAttribute('data-query'))!;
    const statement = (await (await fetch(`${open.base}/statements/smart-meter-3?${query}`)).json()) as { total: number; lines: unknown[] };
    expect(Number(await total.getAttribute('data-total'))).toBe(statement.total);
    expect(await total.innerText()).toBe(pounds.format(statement.total / 100));
    const days = page.locator('.statement-days details');
    expect(await days.count()).toBeGreaterThan(0);
    await days.first().locator('summary').click();
    expect(await days.first().locator('tbody tr').count()).toBeGreaterThan(0);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^statement-smart-meter-3-\d{4}-\d{2}\.csv$/);
    await context.close();
    expect(problems).toEqual([]);
  });

  describe('the operations console, step by step (one operator page; a failed step fails the rest)', () => {
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];
    let oldKey = '';
    let newKey = '';
    const now = NOW;
    const yesterday = now - (now % 86_400) - 86_400;
    const row = () => page.locator('[data-testid=meters] tr[data-meter="console-meter"]');
    const day = () => page.locator(`[data-testid=coverage-strip] li[data-from="${yesterday}"]`);
    /** The meter's last three readings, sent with a key (set once the meter has readings). */
    let send: (key: string) => Promise<Response>;
    afterAll(async () => {
      await context?.close();
    });

    it('1. onboards a meter as an operator: its key shown once, with a copy button and the warning; the fleet lists it as never reported', async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
      await context.clock.setFixedTime(NOW * 1000); // the page's clock is the server's
      page = await context.newPage();
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(secured.base + '/');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: /Sign in as the operator/ }).click();
      await page.getByRole('link', { name: 'Operations' }).click();
      await page.getByRole('link', { name: 'Onboard a meter' }).click();

      // Onboard: the key is shown once, with a copy button and the warning.
      await page.getByLabel('Meter id').fill('console-meter');
      await page.getByLabel('Price plan').selectOption('price-plan-1');
      await page.getByRole('button', { name: 'Onboard meter' }).click();
      oldKey = await page.getByTestId('meter-key').innerText();
      expect(oldKey.length).toBeGreaterThan(20);
      expect(await page.getByTestId('meter-key-panel').innerText()).toContain('shown only now');
      expect(await page.getByRole('button', { name: 'Copy key' }).count()).toBe(1);

      // The fleet: the new meter has never reported.
      await page.getByRole('link', { name: 'Meters' }).click();
      await page.getByLabel('Show').selectOption('never');
      await page.getByLabel('Find a meter by id').fill('console');
      await expect.poll(() => row().getAttribute('data-status')).toBe('never');
    });

    it('2. shows it reporting once it sends two days with its key, and yesterday fully covered on its page', async () => {
      // The meter sends two days of readings with its key (HTTP), and turns "ok".
      const start = now - (now % 86_400) - 86_400 - 3600; // 23:00 the day before yesterday: yesterday is whole
      const readings = Array.from({ length: Math.floor((now - start) / 300) + 1 }, (_, i) => ({ time: start + i * 300, reading: 0.5 }));
      send = (key: string) =>
        fetch(`${secured.base}/readings/store`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ smartMeterId: 'console-meter', electricityReadings: readings.slice(-3) }) });
      expect((await fetch(`${secured.base}/readings/store`, { method: 'POST', headers: { authorization: `Bearer ${oldKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ smartMeterId: 'console-meter', electricityReadings: readings }) })).status).toBe(200);
      await page.getByLabel('Show').selectOption('ok');
      await expect.poll(() => row().getAttribute('data-status')).toBe('ok');
      expect(await row().innerText()).toContain('Reporting');

      // Its page: yesterday fully covered.
      await row().getByRole('link', { name: 'console-meter' }).click();
      await expect.poll(() => day().getAttribute('data-coverage')).toBe('1');
    });

    it('3. rotates its key: the confirmation says what changes, the new key is shown once, the old one is refused', async () => {
      // Rotate the key: the confirmation says what changes, the new key is shown once, the old one is refused.
      await page.getByRole('button', { name: 'Rotate key…' }).click();
      expect(await page.getByRole('dialog').innerText()).toContain('The current key stops working');
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, rotate the key' }).click();
      await expect.poll(() => page.getByTestId('ops-status').innerText()).toContain('console-meter has a new key.');
      newKey = await page.getByTestId('meter-key').innerText();
      expect(newKey).not.toBe(oldKey);
      expect((await send(oldKey)).status).toBe(401);
      expect((await send(newKey)).status).toBe(200);
    });

    it('4. switches its plan back in time, and lists both plans in its history', async () => {
      // A backdated switch: from yesterday 00:00 (UTC, the page's time zone here).
      await page.getByLabel('New plan').selectOption('price-plan-2');
      await page.getByLabel(/^Takes effect from/).fill(new Date(yesterday * 1000).toISOString().slice(0, 16));
      await page.getByRole('button', { name: 'Switch plan…' }).click();
      expect(await page.getByRole('dialog').innerText()).toContain('console-meter moves from price-plan-1 to price-plan-2 from');
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, switch' }).click();
      await expect.poll(() => page.getByTestId('ops-plan').innerText()).toBe('price-plan-2');
      expect((await page.getByTestId('ops-plan-history').locator('tbody tr').allInnerTexts()).map((r) => r.split('\t')[0])).toEqual(['price-plan-2', 'price-plan-1']);
    });

    it("5. deletes a range of its readings after a confirmation, and says a refusal in the API's words", async () => {
      // Delete yesterday 06:00–12:00: 12 of its 48 half hours lose their readings, and its coverage drops to 0.75.
      await page.getByLabel('From (your local time)').fill(new Date((yesterday + 6 * 3600) * 1000).toISOString().slice(0, 16));
      await page.getByLabel('To (not included)').fill(new Date((yesterday + 12 * 3600) * 1000).toISOString().slice(0, 16));
      await page.getByRole('button', { name: 'Delete readings…' }).click();
      expect(await page.getByRole('dialog').innerText()).toContain('cannot be undone');
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete them' }).click();
      await expect.poll(() => page.getByTestId('ops-status').innerText()).toMatch(/^Deleted 7[12] readings of console-meter/);
      await expect.poll(() => day().getAttribute('data-coverage')).toBe('0.75');
      // A refusal is said in words: the API's own message.
      await page.getByLabel('From (your local time)').fill('1969-01-01T00:00');
      await page.getByRole('button', { name: 'Delete readings…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete them' }).click();
      await expect.poll(() => page.getByTestId('ops-status').innerText()).toBe('The readings were not deleted. That did not work: from must be epoch seconds (a non-negative integer).');
    });

    it("6. adds a future price version and publishes a dynamic plan's half hours pasted as CSV", async () => {
      // Price plans: a future version, and a dynamic plan's half hours pasted as CSV, previewed, then published.
      await page.getByRole('link', { name: 'Price plans' }).click();
      const versions = page.getByTestId('versions-price-plan-0').locator('tbody tr');
      await expect.poll(() => versions.count()).toBe(1);
      const inTwoDays = now - (now % 86_400) + 2 * 86_400;
      await page.locator('#version-from-price-plan-0').fill(new Date(inTwoDays * 1000).toISOString().slice(0, 16));
      await page.locator('#version-rate-price-plan-0').fill('12.5');
      await page.locator('#version-from-price-plan-0').locator('xpath=ancestor::form').getByRole('button', { name: 'Add version…' }).click();
      expect(await page.getByRole('dialog').innerText()).toContain('12.50p/kWh');
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, add it' }).click();
      await expect.poll(() => page.getByTestId('plans-status').innerText()).toContain('Done: price-plan-0 has a new version');
      await expect.poll(() => versions.count()).toBe(2);
      const plan0 = (await apiAsApp<{ rates: { validFrom: number; unitRate?: number }[] }>(page, '/price-plans/price-plan-0')).body;
      expect(plan0.rates.at(-1)).toMatchObject({ validFrom: inTwoDays, unitRate: 12.5 });
      const inThreeDays = inTwoDays + 86_400; // after the demo prices the set-up published
      const csv = ['interval_start,unit_rate', ...[0, 1, 2, 3].map((i) => `${new Date((inThreeDays + i * 1800) * 1000).toISOString()},${20 + i}`)].join('\n');
      await page.locator('#prices-agile').fill(csv);
      await expect.poll(() => page.getByTestId('prices-preview-agile').innerText()).toMatch(/^4 half hours, /);
      expect(await page.getByTestId('prices-preview-agile').locator('rect').count()).toBeGreaterThanOrEqual(4);
      await page.getByRole('button', { name: 'Publish prices…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, publish' }).click();
      await expect.poll(() => page.getByTestId('plans-status').innerText()).toBe('Done: 4 of 4 half-hour prices published for agile.');
      const published = (await apiAsApp<{ prices: { from: number; unitRate: number }[] }>(page, `/price-plans/agile/prices?from=${inThreeDays}&to=${inThreeDays + 7200}`)).body;
      expect(published.prices.map((p) => [p.from, p.unitRate])).toEqual([0, 1, 2, 3].map((i) => [inThreeDays + i * 1800, 20 + i]));
    });

    it('7. onboards an interval meter that reports half hours, and says what it sends; no console error on the way', async () => {
      // An interval meter: onboarded as one, it reports half hours with its key, and the console says what it sends.
      await page.getByRole('link', { name: 'Onboard a meter' }).click();
      await page.getByLabel('Meter id').fill('console-interval-meter');
      await page.getByLabel('What the meter sends').selectOption('interval');
      await page.getByRole('button', { name: 'Onboard meter' }).click();
      const intervalKey = await page.getByTestId('meter-key').innerText();
      const halfHours = Array.from({ length: 4 }, (_, i) => ({ start: now - (now % 1800) - (4 - i) * 1800, kWh: 0.3 }));
      const sent = await fetch(`${secured.base}/readings/intervals`, { method: 'POST', headers: { authorization: `Bearer ${intervalKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ smartMeterId: 'console-interval-meter', intervals: halfHours }) });
      expect(await sent.json()).toEqual({ smartMeterId: 'console-interval-meter', stored: 4, replaced: 0 });
      await page.getByRole('link', { name: 'Meters' }).click();
      await page.getByLabel('Show').selectOption('ok');
      await page.getByLabel('Find a meter by id').fill('console-interval');
      const intervalRow = page.locator('[data-testid=meters] tr[data-meter="console-interval-meter"]');
      await expect.poll(() => intervalRow.innerText()).toContain('half-hourly');
      await intervalRow.getByRole('link', { name: 'console-interval-meter' }).click();
      await expect.poll(() => page.getByTestId('ops-kind').innerText()).toBe('half-hourly energy (kWh per half hour)');
      expect(problems.filter((p) => !p.endsWith('status of 400 (Bad Request)'))).toEqual([]);
    });
  });

  it('keeps the operations console from customers: no Operations link, the area refuses, the admin routes answer 403', async () => {
    // A customer: no Operations link, the area refuses, and the API answers 403 on the admin routes.
    const customer = await newPage();
    const adminCalls: string[] = [];
    customer.page.on('request', (request) => new URL(request.url()).pathname.startsWith('/admin/') && adminCalls.push(request.url()));
    await customer.page.goto(secured.base + '/');
    await customer.page.getByRole('button', { name: 'Sign in' }).click();
    await customer.page.getByRole('button', { name: /Sign in as Peter/ }).click();
    await customer.page.locator('.chart canvas').waitFor();
    expect(await customer.page.getByRole('link', { name: 'Operations' }).count()).toBe(0);
    await customer.page.goto(secured.base + '/#/ops/meters');
    await expect.poll(() => customer.page.locator('main h1').innerText()).toBe('Operations is for JOI Energy operators');
    expect(adminCalls).toEqual([]); // the app asked nothing of the admin routes
    expect((await apiAsApp(customer.page, '/admin/meters')).status).toBe(403);
    await customer.context.close();
    expect(customer.problems.filter((p) => !p.endsWith('status of 403 (Forbidden)'))).toEqual([]); // only the call above
  });
});
