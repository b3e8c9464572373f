/**
 * The commands of `npm run ops` (cli/ops-cli.ts runs them): operators' work from a terminal, against the deployed API
 * or `AUTH=on npm start`. A function of its arguments and its output, so the tests run it in their own process.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAX_PRICES_PER_CALL } from '../functions/publish-prices/route.js';
import { MAX_DAYS_PER_PUBLICATION } from '../shared/services/half-hour-publishing.js';
import { dayOf } from '../shared/domain/time.js';
import { batchesByKey, importFile, toEpoch } from './import-readings.js';
import { cognitoRegionOf, cognitoSend, setUpMfa } from './ops-mfa.js';
import { forgetSession, loadSession, login, saveSession, sessionFile } from './ops-login.js';
import { createInterface } from 'node:readline/promises';
import { TERMINAL, type CommandOutput } from './command-output.js';

const help = () => `usage: npm run ops -- <command> [options]

  login [--api URL]                         sign in through the browser (code + PKCE, loopback redirect); the
                                            session is kept in ${sessionFile()} (0600), for an hour
  logout                                    forget the session
  whoami                                    the API and how long the session lasts
  mfa-setup                                 set up an authenticator app (operators' rights need it; deployed API)
  onboard --meter ID --plan PLAN [--customer SUB] [--kind power|interval] [--export-of IMPORT_ID]
                                            a new meter (--export-of: a solar household's export meter,
                                            next to its import meter); prints its key once
  rotate-key --meter ID                     a new key for a meter (the old one stops working)
  switch --meter ID --plan PLAN [--from T] [--export-plan PLAN]
                                            switch a meter's plan (T: epoch seconds or ISO 8601, may be in the past);
                                            --export-plan: a solar household's pair, both or neither
  publish-prices --plan PLAN --file F       a dynamic plan's half-hour prices from a CSV of interval_start,unit_rate
                                            (epoch seconds or ISO 8601 UTC; minor unit per kWh, VAT excluded)
  import --meter ID --file F                a meter's history (as npm run import)

  --api URL     the API (default: the session's, else http://localhost:$PORT or 5000)
  --token T     an access token instead of the session (also JOI_TOKEN): e.g. a machine client's`;

/** A command's end with its exit code, once what it had to say is printed. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Runs one command line (`args` without node and the script) and resolves with its exit code. */
export async function runOps(args: readonly string[], output: CommandOutput = TERMINAL): Promise<number> {
  try {
    return await runCommandLine(args, output);
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
}

async function runCommandLine(args: readonly string[], output: CommandOutput): Promise<number> {
  const { out, err } = output;
  const fail = (message: string, code = 2): never => {
    err(message);
    throw new Exit(code);
  };
  const parse = () =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        api: { type: 'string' },
        token: { type: 'string', default: process.env.JOI_TOKEN || undefined },
        meter: { type: 'string' },
        plan: { type: 'string' },
        customer: { type: 'string' },
        kind: { type: 'string' },
        'export-of': { type: 'string' },
        'export-plan': { type: 'string' },
        from: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    // An unknown option, or one without its value: parseArgs's own words and the way to the list, not a stack.
    return fail(`${(error as Error).message} (npm run ops -- --help)`);
  }
  const { values, positionals } = parsed;
  const need = (name: 'meter' | 'plan' | 'file') => values[name] ?? fail(`--${name} is required (npm run ops -- --help)`);

  const command = positionals[0];
  if (values.help || !command) {
    out(help());
    return values.help ? 0 : 2;
  }

  if (command === 'login') {
    const api = values.api ?? `http://localhost:${process.env.PORT ?? 5000}`;
    const session = await login(api, (url) => {
      out(`Sign in in your browser; if it does not open, visit:\n  ${url}`);
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
    }).catch((error: Error) => fail(error.message, 1));
    saveSession(session);
    out(`signed in to ${session.api} until ${new Date(session.expiresAt * 1000).toISOString()}`);
    return 0;
  }
  if (command === 'logout') {
    forgetSession();
    out('signed out');
    return 0;
  }

  const session = loadSession();
  const api = values.api ?? session?.api ?? `http://localhost:${process.env.PORT ?? 5000}`;
  const token = values.token || session?.accessToken;
  if (command === 'whoami') {
    out(session ? `signed in to ${session.api} until ${new Date(session.expiresAt * 1000).toISOString()}` : 'not signed in (npm run ops -- login)');
    return session ? 0 : 1;
  }

  if (command === 'mfa-setup') {
    const region = token ? cognitoRegionOf(token) : undefined;
    if (!token) fail('not signed in (npm run ops -- login)', 1);
    if (!region) fail('this session is not from Cognito: the local issuer (AUTH=on) has no MFA to set up; its operator already counts as enrolled', 1);
    const terminal = createInterface({ input: process.stdin, output: process.stdout });
    await setUpMfa(token!, cognitoSend(region!), (question) => terminal.question(question), out).catch((error: Error) => fail(error.message, 1));
    terminal.close();
    return 0;
  }

  /** One API call; a refusal is printed with the API's message and exits 1. */
  async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) fail(`${method} ${path}: ${response.status} ${String(answer.message ?? response.statusText)}${response.status === 401 ? ' (npm run ops -- login)' : ''}`, 1);
    return answer;
  }

  const meterPath = (meter: string) => encodeURIComponent(meter);
  try {
    switch (command) {
      case 'onboard': {
        const exportOf = values['export-of'];
        const answer = await call('POST', '/admin/meters', {
          smartMeterId: need('meter'),
          pricePlanId: need('plan'),
          ...(values.customer && { customerId: values.customer }),
          ...(values.kind && { kind: values.kind }),
          ...(exportOf && { direction: 'export', importMeterId: exportOf }),
        });
        out(`onboarded ${String(answer.smartMeterId)} on ${String(answer.pricePlanId)}\nmeter key (shown once, give it to the meter now): ${String(answer.meterKey)}`);
        break;
      }
      case 'rotate-key': {
        const answer = await call('POST', `/admin/meters/${meterPath(need('meter'))}/key`);
        out(`new meter key for ${need('meter')} (shown once; the old key no longer works): ${String(answer.meterKey)}`);
        break;
      }
      case 'switch': {
        const from = values.from === undefined ? undefined : toEpoch(values.from, '--from');
        const exportPlan = values['export-plan'];
        const answer = await call('PUT', `/accounts/${meterPath(need('meter'))}/price-plan`, { pricePlanId: need('plan'), ...(exportPlan && { exportPricePlanId: exportPlan }), ...(from !== undefined && { from }) });
        out(`${need('meter')} is on ${String(answer.pricePlanId)}${exportPlan ? `, and its export meter ${String(answer.exportMeterId)} on ${exportPlan}` : ''}`);
        break;
      }
      case 'publish-prices': {
        const prices = readFileSync(need('file'), 'utf8')
          .split(/\r?\n/)
          .map((line, i) => ({ line: line.trim(), number: i + 1 }))
          .filter(({ line, number }) => line !== '' && !(number === 1 && /^[a-z_]/i.test(line)))
          .map(({ line, number }) => {
            const [start, rate] = line.split(',');
            const unitRate = Number(rate);
            if (rate === undefined || rate.trim() === '' || !Number.isFinite(unitRate)) fail(`line ${number}: expected interval_start,unit_rate`);
            return { from: toEpoch(start!, `line ${number}`), unitRate };
          })
          .sort((a, b) => a.from - b.from);
        const calls = batchesByKey(prices, (p) => dayOf(p.from), MAX_DAYS_PER_PUBLICATION, MAX_PRICES_PER_CALL);
        let published = 0;
        for (const batch of calls) published += Number((await call('PUT', `/admin/price-plans/${encodeURIComponent(need('plan'))}/prices`, { prices: batch })).published ?? 0);
        out(`published ${published} of ${prices.length} half-hour prices for ${need('plan')} in ${calls.length} call(s)`);
        break;
      }
      case 'import':
        return await importFile({ api, token, smartMeterId: need('meter'), file: need('file'), output });
      default:
        fail(`unknown command '${command}' (npm run ops -- --help)`);
    }
  } catch (error) {
    if (error instanceof Exit) throw error;
    // A bad file or option (a time that is not one), or no answer from the API: its message, not a stack.
    fail((error as Error).message, 2);
  }
  return 0;
}
