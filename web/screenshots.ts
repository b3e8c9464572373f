import { mkdirSync } from 'node:fs';
import { launchChromium } from './chromium.js';

/**
 * `npm run screenshots`: the main page as a customer sees it, at desktop and phone widths, and the operators'
 * console, into docs/. Needs a running `AUTH=on npm start` (BASE, default http://127.0.0.1:5000); signs in as the
 * demo customer Sarah, then as the operator.
 */
const base = process.env.BASE ?? 'http://127.0.0.1:5000';
const browser = await launchChromium();
mkdirSync('docs', { recursive: true });
try {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: name === 'phone' ? 2 : 1 });
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Sign in as Sarah/ }).click();
    await page.locator('.chart canvas').waitFor();
    await page.getByTestId('advice').waitFor();
    await page.screenshot({ path: `docs/web-app-${name}.png`, fullPage: true });
    console.log(`docs/web-app-${name}.png`);
    await page.close();
  }
  // The operators' console: the fleet, then a meter's page.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Sign in as the operator/ }).click();
  await page.getByRole('link', { name: 'Operations' }).click();
  await page.locator('[data-testid=meters] tbody tr').first().waitFor();
  await page.screenshot({ path: 'docs/ops-console-meters.png', fullPage: true });
  await page.getByRole('link', { name: 'smart-meter-0' }).click();
  await page.locator('.chart canvas').waitFor();
  await page.screenshot({ path: 'docs/ops-console-meter.png', fullPage: true });
  console.log('docs/ops-console-meters.png\ndocs/ops-console-meter.png');
} finally {
  await browser.close();
}
