import { execFile } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';
import { loadSession, login, saveSession, sessionFile } from '../../cli/ops-login.js';
import { runOps } from '../../cli/ops.js';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables } from '../support/tables.js';

const run = promisify(execFile);
const DAY = 86_400;

/**
 * `npm run ops`: an operator signs in from a terminal (code + PKCE, loopback redirect) and works with the session.
 * The commands run in this process (cli/ops.ts, what they print collected); one refusal goes through `npm run ops`'s
 * own command, as a process, for its exit code and stderr.
 */
describe('npm run ops (AUTH=on)', () => {
  let server: RunningServer;
  const home = mkdtempSync(join(tmpdir(), 'joi-ops-'));
  const ops = async (...args: string[]) => {
    const printed = { out: '', err: '' };
    const code = await runOps(args, { out: (text) => (printed.out += `${text}\n`), err: (text) => (printed.err += `${text}\n`) });
    return { code, stdout: printed.out, stderr: printed.err };
  };
  const opsProcess = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'cli/ops-cli.ts', ...args], { env: { ...process.env, JOI_OPS_HOME: home, JOI_TOKEN: '' } });

  beforeAll(async () => {
    vi.stubEnv('JOI_OPS_HOME', home);
    vi.stubEnv('JOI_TOKEN', '');
    await freshTables({ catalogue: { ...DEFAULT_CATALOGUE, pricePlans: [...DEFAULT_CATALOGUE.pricePlans, { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0 }] }] } });
    server = await startLocalServer({ auth: true });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  it('signs an operator in through the sign-in page and keeps the token where only this user can read it', async () => {
    // The "browser": opens the sign-in page the CLI hands over, picks the operator, follows the redirect home.
    const browser = async (url: string) => {
      const page = new URL(url);
      expect((await fetch(page)).status).toBe(200);
      const signedIn = await fetch(new URL('authorize', page), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([...page.searchParams, ['customer', 'demo-operator']]),
        redirect: 'manual',
      });
      expect(signedIn.status).toBe(302);
      expect((await fetch(signedIn.headers.get('location')!)).status).toBe(200); // the CLI's loopback listener
    };
    const session = await login(server.base, browser, await freePort());
    expect(session.api).toBe(server.base);
    saveSession(session, sessionFile(home));
    expect(statSync(sessionFile(home)).mode & 0o777).toBe(0o600);
    expect(loadSession(sessionFile(home))?.accessToken).toBe(session.accessToken);
    expect(loadSession(sessionFile(home), session.expiresAt + 1)).toBeUndefined(); // expired: sign in again
  });

  it('onboards a meter and publishes a CSV of prices in as many calls as the route allows, with the session', async () => {
    const { code, stdout: onboarded } = await ops('onboard', '--meter', 'ops-meter', '--plan', 'price-plan-1');
    expect(code).toBe(0);
    expect(onboarded).toMatch(/onboarded ops-meter on price-plan-1\nmeter key \(shown once.*\): jm_/);
    // A solar household: its export meter next to it, then both plans switched as one pair.
    expect((await ops('onboard', '--meter', 'ops-panels', '--plan', 'export-fixed', '--export-of', 'ops-meter')).stdout).toMatch(/onboarded ops-panels on export-fixed\n/);
    const { stdout: switched } = await ops('switch', '--meter', 'ops-meter', '--plan', 'price-plan-2', '--export-plan', 'export-peak');
    expect(switched).toBe('ops-meter is on price-plan-2, and its export meter ops-panels on export-peak\n');
    // 30 days of half hours: 1,440 prices on 30 UTC days, more than one call (1,000 half hours, 25 days) takes.
    const start = Math.ceil(Date.now() / 1000 / DAY) * DAY + DAY;
    const csv = ['interval_start,unit_rate', ...Array.from({ length: 30 * 48 }, (_, i) => `${new Date((start + i * 1800) * 1000).toISOString()},${(i % 48) / 2}`)].join('\n');
    writeFileSync(join(home, 'prices.csv'), csv);
    const { stdout: published } = await ops('publish-prices', '--plan', 'agile', '--file', join(home, 'prices.csv'));
    expect(published).toContain('published 1440 of 1440 half-hour prices for agile in 2 call(s)');
    const prices = (await (await fetch(`${server.base}/price-plans/agile/prices?from=${start + 29 * DAY}&to=${start + 30 * DAY}`, { headers: { authorization: `Bearer ${loadSession(sessionFile(home))!.accessToken}` } })).json()) as { prices: { unitRate: number }[] };
    expect(prices.prices.map((p) => p.unitRate)).toEqual(Array.from({ length: 48 }, (_, i) => i / 2));
  });

  it('says what the API refused, and lists its commands', async () => {
    await expect(opsProcess('rotate-key', '--meter', 'no-such-meter')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('POST /admin/meters/no-such-meter/key: 404') });
    expect(await ops('switch', '--meter', 'ops-meter')).toEqual({ code: 2, stdout: '', stderr: '--plan is required (npm run ops -- --help)\n' });
    // An option it does not know, or one without its value: what is wrong and where the list is, not a stack.
    expect(await ops('onboard', '--meters', 'm')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Unknown option '--meters'.*\(npm run ops -- --help\)\n$/) });
    expect(await ops('import', '--meter', 'ops-meter', '--file', join(home, 'none.csv'))).toEqual({ code: 2, stdout: '', stderr: `${join(home, 'none.csv')}: ENOENT: no such file or directory, open '${join(home, 'none.csv')}'\n` });
    expect(await ops('onboard', '--meter')).toEqual({ code: 2, stdout: '', stderr: "Option '--meter <value>' argument missing (npm run ops -- --help)\n" });
    const { code, stdout } = await ops('--help');
    expect(code).toBe(0);
    for (const command of ['login', 'logout', 'onboard', 'rotate-key', 'switch', 'publish-prices', 'import']) expect(stdout).toContain(`  ${command}`);
  });
});
