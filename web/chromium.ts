import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium (Playwright cannot download browsers on these machines). Its headless shell (apt-get install
 * chromium-headless-shell) is preferred when installed: the same engine without the desktop browser around it, it
 * drew the browser tests' pages for a third of the CPU (15 core-s against 45); the full chromium serves otherwise.
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';

/** Headless, with nothing that phones home or waits for a first-run dialog. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
