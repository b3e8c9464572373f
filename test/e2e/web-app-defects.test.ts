/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { DEMO_ACCOUNTS, newAccount } from '../../shared/domain/accounts.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { launchChromium } from '../../web/chromium.js';
import { parseIntervalFile } from '../../shared/domain/interval-files.js';
import { postJson, startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables, readingsStore } from '../support/tables.js';
import { fixClock } from '../support/clock.js';

/** One instant for the server (this process) and every page: no run depends on the day or crosses a midnight. */
const NOW = fixClock('2026-11-20T12:34:56Z'); // after July 2026, whose statement this file reads

/** A plan id as long as the API allows (128 characters). */
const LONG_ID = `plan-${'x'.repeat(118)}-end`;
const utc = (iso: string) => Date.parse(iso) / 1000;
const JULY = utc('2026-07-01T00:00:00Z');
/** Extra accounts, so that the demo meters are spread over more than one page of /accounts (at most 100 a page). */
const EXTRA_METERS = 101;

/**
 * What #33 found in the web app, in a real browser on the open demo: long ids, statements of energy with no price and
 * of a whole month, more meters than one page, the console's price plans on a phone, and its lost-update guard.
 */
describe('web app: ids, pages, statements and the price plans console (#33)', () => {
  let browser: Browser;
  let open: RunningServer;

  beforeAll(async () => {
    const now = NOW;
    const long: PricePlan = { pricePlanId: LONG_ID, supplier: 'A supplier with a long plan id', rates: [{ validFrom: 0, unitRate: 0.5 }] };
    const agile: PricePlan = { pricePlanId: 'agile', supplier: 'Agile Energy', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 47 }] } as PricePlan;
    const e7: PricePlan = { pricePlanId: 'e7', supplier: 'Two Rates', rates: [{ validFrom: 0, unitRate: 30, timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 10 }] }] } as PricePlan;
    const tables = await freshTables({ catalogue: { currency: 'GBP', vatRate: 0.05, pricePlans: [...DEFAULT_CATALOGUE.pricePlans, long, agile, e7] } });
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts, tables.meterKeys);
    // Beside the demo accounts (no readings: no test here reads theirs): a meter on the long-id plan (a week of
    // readings: the plans table shows every plan), one on the dynamic plan with 4 kWh in July, when no price was
    // published, and enough others to need a second page.
    await accounts.save(newAccount('long-plan-meter', LONG_ID));
    await readingsStore(tables).save('long-plan-meter', Array.from({ length: 7 * 96 + 1 }, (_, i) => ({ time: now - 7 * 86_400 + i * 900, reading: 1 })));
    await accounts.save(newAccount('dynamic-meter', 'agile'));
    await readingsStore(tables).save('dynamic-meter', Array.from({ length: 241 }, (_, i) => ({ time: JULY + 9 * 86_400 + 10 * 3600 + i * 60, reading: 1 })));
    for (let i = 0; i < EXTRA_METERS; i++) await accounts.save(newAccount(`bulk-${String(i).padStart(3, '0')}`, 'price-plan-1'));
    [open, browser] = await Promise.all([startLocalServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await open?.close();
  });

  async function withPage(width: number, use: (page: Page) => Promise<void>): Promise<void> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: 'UTC' });
    await context.clock.setFixedTime(NOW * 1000); // the page's clock is the server's
    const page = await context.newPage();
    page.setDefaultTimeout(8000); // a step that cannot happen fails naming itself, inside the test's time
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await use(page);
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  }
  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it.each([390, 1280])('keeps a 128-character plan id inside a %i px screen: the plans table, its Cost and its Switch (#33.6)', async (width) => {
    await withPage(width, async (page) => {
      await page.goto(`${open.base}/#/meters/long-plan-meter`);
      const row = page.locator(`[data-period] tr[data-plan="${LONG_ID}"]`).first();
      await row.waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      // The table needs no sideways scroll, and the row's cost is on screen.
      const table = page.locator('[data-period] .table-scroll').first();
      expect(await table.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
      const cost = await row.locator('[data-cost]').boundingBox();
      expect(cost!.x + cost!.width).toBeLessThanOrEqual(width);
      const switchButton = page.getByRole('button', { name: /^Switch to/ }).first();
      if (await switchButton.count()) {
        const box = (await switchButton.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
      // The console's price plans: every plan card, the long one included, fits the screen (#33.21: 394 px at 390).
      await page.goto(`${open.base}/#/ops/price-plans`);
      await page.locator(`[data-testid="versions-${LONG_ID}"]`).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
    });
  });

  it('compares every plan on an Octopus download chosen in the page, exactly as the API costs it, and names the bad line of a broken file (#35)', async () => {
    // A week of an Octopus dashboard CSV, as the supplier writes it: padded header, offsets on every time.
    const weekStart = NOW - (NOW % 86_400) - 8 * 86_400;
    const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
    const rows = Array.from({ length: 7 * 48 }, (_, i) => `${(i % 48 < 14 ? 0.9 : 0.25).toFixed(3)}, ${iso(weekStart + i * 1800)}, ${iso(weekStart + i * 1800 + 1800)}`);
    const csv = ['Consumption (kWh), Start, End', ...rows].join('\n');
    const expected = (await (await postJson(`${open.base}/price-plans/compare`, { intervals: parseIntervalFile(csv, 'octopus-csv') })).json()) as { pricePlanComparisons: Record<string, number>[] };
    for (const width of [390, 1280]) {
      await withPage(width, async (page) => {
        await page.goto(`${open.base}/#/compare`);
        await page.getByRole('heading', { name: 'Compare plans with your own data' }).waitFor();
        await page.locator('#own-format').selectOption('octopus-csv');
        await page.locator('#own-file').setInputFiles({ name: 'consumption.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('button', { name: 'Compare' }).click();
        const plans = page.locator('[data-testid=own-plans] tbody tr');
        await plans.first().waitFor();
        const shown = await plans.evaluateAll((trs) => trs.map((tr) => ({ [tr.getAttribute('data-plan')!]: Number(tr.querySelector('[data-cost]')!.getAttribute('data-cost')) })));
        expect(shown).toEqual(expected.pricePlanComparisons);
        expect(await page.getByTestId('own-cheapest').innerText()).toContain(Object.keys(expected.pricePlanComparisons[0]!)[0]);
        expect(await page.getByTestId('own-span').innerText()).toMatch(/7 days/);
        await page.locator('#own-current').selectOption('price-plan-0');
        await expect.poll(() => page.getByTestId('own-saving').innerText()).toMatch(/^Against price-plan-0, .+ would have saved /);
        expect(await pageWidth(page)).toBeLessThanOrEqual(width);
        const broken = [...rows.slice(0, 2), 'lots, 2026-11-12T00:00:00+00:00, 2026-11-12T00:30:00+00:00'].join('\n');
        await page.locator('#own-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(`Consumption (kWh), Start, End\n${broken}`) });
        await page.getByRole('button', { name: 'Compare' }).click();
        await expect.poll(() => page.getByTestId('own-status').innerText()).toMatch(/^broken\.csv: .*line 4/);
      });
    }
  });

  it('says energy with no published price is used but not priced, and labels July 1 Jul – 31 Jul (#33.1, #33.21)', async () => {
    await withPage(1280, async (page) => {
      await page.goto(`${open.base}/#/meters/dynamic-meter/statements`);
      await page.locator('#statement-month').fill('2026-07');
      await page.locator('#statement-month').dispatchEvent('change');
      await expect.poll(() => page.getByTestId('statement-period').innerText()).toMatch(/^1 Jul 2026 – 31 Jul 2026 /);
      await expect.poll(() => page.getByTestId('statement-unpriced').innerText()).toBe('4.0 kWh used, price not yet published: it is not in the energy cost below until its price is.');
      expect(await page.getByTestId('statement-energy').innerText()).toContain('4.0 kWh');
      expect(await page.locator('.statement-body').innerText()).not.toContain('No readings in this month');
    });
  });

  it('reaches every meter past the first page of 100, by Show more and by id (#33.11)', async () => {
    await withPage(1280, async (page) => {
      await page.goto(`${open.base}/`);
      const items = page.locator('[data-testid=meter-picker] li');
      await items.first().waitFor();
      expect(await items.count()).toBe(100);
      while (await page.getByTestId('more-meters').isVisible()) {
        const before = await items.count();
        await page.getByTestId('more-meters').click();
        await expect.poll(() => items.count()).toBeGreaterThan(before);
      }
      expect(await items.count()).toBe(DEMO_ACCOUNTS.length + 2 + EXTRA_METERS);
      await expect(page.getByRole('link', { name: /^smart-meter-0 / }).count()).resolves.toBe(1);
      await page.locator('#meter-id').fill('smart-meter-0');
      await page.getByRole('button', { name: 'Open' }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/meters/smart-meter-0');
    });
  });

  it("lets an operator set a time-of-use version's band rates, and offers a reload when the plan changed meanwhile (#33.4, #33.9)", async () => {
    await withPage(1280, async (page) => {
      await page.goto(`${open.base}/#/ops/price-plans`);
      const band = page.locator('#version-band-e7-0');
      await band.waitFor();
      expect(await band.inputValue()).toBe('10');
      // Someone else changes e7 after the page loaded: a version of theirs from three days ahead.
      const read = await fetch(`${open.base}/price-plans/e7`);
      const theirs = (await read.json()) as PricePlan;
      const three = Math.floor(NOW / 3600) * 3600 + 3 * 86_400;
      const landed = await fetch(`${open.base}/admin/price-plans/e7`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': read.headers.get('etag')! },
        body: JSON.stringify({ ...theirs, rates: [...theirs.rates, { ...theirs.rates[0]!, validFrom: three, unitRate: 31 }] }),
      });
      expect(landed.status).toBe(200);
      // The operator's own change, made to the document the page shows: refused, with a reload offered.
      const e7 = page.locator('article:has(#plan-e7)');
      await band.fill('9.5');
      await e7.getByRole('button', { name: 'Add version…' }).click();
      await page.getByRole('button', { name: 'Yes, add it' }).click();
      await expect.poll(() => page.getByTestId('plans-status').innerText()).toContain('was changed by someone else since this page loaded');
      await page.getByTestId('reload-plans').click();
      await expect.poll(() => page.getByTestId('plans-status').innerText()).toContain('Reloaded');
      // After the reload the change goes through, on top of theirs, with the band rate the operator typed.
      await page.locator('#version-band-e7-0').fill('9.5');
      await page.locator('article:has(#plan-e7)').getByRole('button', { name: 'Add version…' }).click();
      await page.getByRole('button', { name: 'Yes, add it' }).click();
      await expect.poll(() => page.getByTestId('plans-status').innerText()).toContain('Done: e7 has a new version');
      const stored = (await (await fetch(`${open.base}/price-plans/e7`)).json()) as { rates: { validFrom: number; timeOfUse?: { unitRate: number }[] }[] };
      expect(stored.rates.map((r) => r.validFrom)).toContain(three);
      expect(stored.rates.some((r) => r.timeOfUse?.[0]?.unitRate === 9.5)).toBe(true);
      // The preview refuses a price of 1e308; the publish dialog says future half hours are replaced, started ones kept.
      const prices = page.locator('#prices-agile');
      await prices.fill('interval_start,unit_rate\n2030-01-01T00:00:00Z,1e308');
      await expect.poll(() => page.getByTestId('prices-preview-agile').innerText()).toContain('line 2: 1e308 is not a price');
      await prices.fill(`interval_start,unit_rate\n${new Date((three + 86_400) * 1000).toISOString()},21.5`);
      await page.locator('article:has(#plan-agile)').getByRole('button', { name: 'Publish prices…' }).click();
      await expect.poll(() => page.getByRole('dialog').innerText()).toContain('A half hour still to come takes the price published here, replacing one published before; a half hour that has started keeps its price');
      expect(await page.getByRole('dialog').innerText()).not.toContain('final once published');
    });
  });
});
