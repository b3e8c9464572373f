import './styles.css';
import { accountPage } from './account-page.js';
import { comparePage } from './compare-page.js';
import { statementsPage } from './statements-page.js';
import { api, ApiError, isMeterId, useToken, type Account, type AccountList } from './api.js';
import { h, replace } from './dom.js';
import { overview } from './overview.js';
import { createScreen, explainProblem, type Screen } from './screen.js';
import { completeSignIn, currentToken, demoMeter, isOperator, loadConfig, signIn, signOut, type AppConfig } from './session.js';
import { metersPage, onboardPage, opsHash } from './operations.js';
import { opsMeterPage } from './ops-meter-page.js';
import { pricePlansPage } from './ops-price-plans.js';

/**
 * The customers' web app. Pages are hash routes (`#/meters/{id}` and `#/meters/{id}/account`), so every path the
 * server sees other than `/` and the assets belongs to the API.
 */
const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const banner = document.getElementById('banner')!;

type Page = 'overview' | 'account' | 'statements';

/** A hash segment decoded; a malformed escape (`%E0%A4%A`) is kept as typed, which no meter id matches. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function route(): { smartMeterId?: string; page: Page } {
  const match = /^#\/meters\/([^/]+)(?:\/(account|statements))?$/.exec(location.hash);
  return match ? { smartMeterId: decodedSegment(match[1]!), page: (match[2] as Page | undefined) ?? 'overview' } : { page: 'overview' };
}

/** The Operations area: `#/ops/meters`, `#/ops/onboard`, `#/ops/price-plans` and `#/ops/meters/{id}`. */
type OpsPage = { page: 'meters' } | { page: 'onboard' } | { page: 'price-plans' } | { page: 'meter'; smartMeterId: string };
function opsRoute(): OpsPage | undefined {
  if (!/^#\/ops(\/|$)/.test(location.hash)) return undefined;
  const meter = /^#\/ops\/meters\/([^/]+)$/.exec(location.hash);
  if (meter) return { page: 'meter', smartMeterId: decodedSegment(meter[1]!) };
  if (location.hash === opsHash('price-plans')) return { page: 'price-plans' };
  return location.hash === opsHash('onboard') ? { page: 'onboard' } : { page: 'meters' };
}

/** Ends the session ("Leave" in the open demo, which has none). */
const signOutButton = (config: AppConfig) => h('button', { type: 'button', onclick: () => signOut(config) }, config.mode === 'demo' ? 'Leave' : 'Sign out');

/** The link into the Operations area, for operators (and everyone in the open demo). */
const operationsLink = (config: AppConfig) => isOperator(config) && h('a', { href: opsHash(), class: 'ops-link' }, 'Operations');

/** `#/compare`: anyone's own data against every plan, signed in or not (the route is public). */
const COMPARE_HASH = '#/compare';
const compareLink = () => h('p', {}, h('a', { href: COMPARE_HASH, 'data-testid': 'compare-link' }, 'Compare plans with your own data'), ' (a download from your supplier; no account needed)');

function showCompare(config: AppConfig): void {
  replace(nav, h('a', { href: '#/' }, config.mode === 'demo' ? 'Demo meters' : 'My energy'));
  replace(main, ...comparePage());
}

const meterHash = (smartMeterId: string, page: Page = 'overview') => `#/meters/${encodeURIComponent(smartMeterId)}${page === 'overview' ? '' : `/${page}`}`;

function signedOutPage(config: Extract<AppConfig, { mode: 'sign-in' }>, reason?: string): void {
  replace(nav);
  replace(main,
    h('section', { class: 'card welcome', 'aria-labelledby': 'welcome-title' },
      h('h1', { id: 'welcome-title' }, 'See your energy use and the cheapest plan for it'),
      reason && h('p', { class: 'problem', role: 'alert' }, reason),
      h('p', {}, 'Sign in with your JOI Energy account to see your usage, compare every price plan and switch in one click.'),
      h('button', { type: 'button', class: 'primary', onclick: () => void signIn(config) }, 'Sign in'),
      compareLink(),
    ),
  );
  main.focus();
}

function navigation(config: AppConfig, smartMeterId: string, page: Page, meters: Account[]): void {
  const link = (target: Page, label: string) =>
    h('a', { href: meterHash(smartMeterId, target), ...(page === target && { 'aria-current': 'page' }) }, label);
  replace(nav,
    h('span', { class: 'meter' }, smartMeterId),
    link('overview', 'Overview'),
    link('statements', 'Statements'),
    link('account', 'Account'),
    (config.mode === 'demo' || meters.length > 1) && h('a', { href: '#/' }, 'Change meter'),
    operationsLink(config),
    signOutButton(config),
  );
}

/** The meters to choose from, a page at a time (Show more follows the API's cursor), and any meter by its id. */
/** The one meter a customer's list opens on: their only meter, or the electricity import meter every other meter of
 * theirs belongs to (its gas or export meter); none when they hold two households and must choose. */
function homeMeter(meters: Account[]): Account | undefined {
  if (meters.length === 1) return meters[0];
  const households = meters.filter((m) => m.direction === 'import' && m.fuel === 'electricity');
  if (households.length !== 1) return undefined;
  const home = households[0]!;
  const belongs = (m: Account) => m === home || m.importMeterId === home.smartMeterId || m.electricityMeterId === home.smartMeterId;
  return meters.every(belongs) ? home : undefined;
}

function meterPicker(config: AppConfig, first: AccountList): void {
  replace(nav, operationsLink(config), signOutButton(config));
  const item = (m: Account) => h('li', {}, h('a', { class: 'button', href: meterHash(m.smartMeterId), onclick: () => demoMeter.set(m.smartMeterId) }, m.smartMeterId, h('span', { class: 'muted' }, ` on ${m.pricePlanId ?? 'no plan'}`)));
  const list = h('ul', { class: 'picker', 'data-testid': 'meter-picker' }, first.accounts.map(item));
  const more = h('button', { type: 'button', 'data-testid': 'more-meters' }, 'Show more meters');
  let cursor = first.nextCursor;
  const problem = h('p', { class: 'problem', role: 'alert', hidden: true });
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = await api<AccountList>(`/accounts?cursor=${encodeURIComponent(cursor!)}`);
      list.append(...page.accounts.map(item));
      cursor = page.nextCursor;
      problem.hidden = true;
    } catch (error) {
      replace(problem, `More meters could not be loaded: ${explainProblem(error)}`);
      problem.hidden = false;
    } finally {
      more.disabled = false;
      more.hidden = cursor === undefined;
    }
  });
  more.hidden = cursor === undefined;
  const id = h('input', { id: 'meter-id', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false' });
  const find = h('form', { class: 'controls', 'data-testid': 'meter-search' }, h('label', { for: id.id }, 'Meter id'), id, h('button', { type: 'submit' }, 'Open'));
  find.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = id.value.trim();
    if (!wanted) return;
    if (config.mode === 'demo') demoMeter.set(wanted);
    location.hash = meterHash(wanted);
  });
  replace(main,
    h('section', { class: 'card', 'aria-labelledby': 'picker-title' },
      h('h1', { id: 'picker-title' }, config.mode === 'demo' ? 'Choose a demo meter' : 'Choose a meter'),
      first.accounts.length === 0
        ? h('p', { class: 'empty' }, 'No meter is linked to your account yet. Once JOI Energy connects your smart meter, it appears here.')
        : [list, more, problem, (first.nextCursor !== undefined || config.mode === 'demo') && find],
      compareLink(),
    ),
  );
}

/** The Operations area; to anyone but an operator it says so and calls no admin route (the API would refuse it). */
function renderOps(config: AppConfig, screen: Screen, ops: OpsPage): void {
  if (!isOperator(config)) {
    replace(nav, h('a', { href: '#/' }, 'My energy'), signOutButton(config));
    replace(main, h('section', { class: 'card', 'aria-labelledby': 'ops-refused' },
      h('h1', { id: 'ops-refused' }, 'Operations is for JOI Energy operators'),
      h('p', {}, 'You are signed in as a customer. ', h('a', { href: '#/' }, 'Back to your energy')),
    ));
    return;
  }
  const link = (page: 'meters' | 'onboard' | 'price-plans', label: string, current: boolean) => h('a', { href: opsHash(page), ...(current && { 'aria-current': 'page' }) }, label);
  replace(nav,
    h('span', { class: 'meter' }, 'Operations'),
    link('meters', 'Meters', ops.page === 'meters' || ops.page === 'meter'),
    link('onboard', 'Onboard a meter', ops.page === 'onboard'),
    link('price-plans', 'Price plans', ops.page === 'price-plans'),
    h('a', { href: '#/' }, 'Customer view'),
    signOutButton(config),
  );
  if (ops.page === 'meter' && !isMeterId(ops.smartMeterId)) {
    replace(main, screen.problem(new ApiError(404, `'${ops.smartMeterId}' is not a meter id`), () => undefined));
    return;
  }
  replace(main, ...(ops.page === 'price-plans' ? pricePlansPage(screen) : ops.page === 'onboard' ? onboardPage(screen) : ops.page === 'meter' ? opsMeterPage(screen, ops.smartMeterId) : metersPage(screen)));
  main.focus();
}

async function render(config: AppConfig, screen: Screen): Promise<void> {
  if (location.hash === COMPARE_HASH) return showCompare(config);
  const ops = opsRoute();
  if (ops) return renderOps(config, screen, ops);
  replace(main, h('p', { class: 'loading', 'aria-busy': 'true' }, 'Loading…'));
  let firstPage: AccountList;
  try {
    firstPage = await api<AccountList>('/accounts');
  } catch (error) {
    replace(main, screen.problem(error, () => void render(config, screen)));
    return;
  }
  const meters = firstPage.accounts;
  const { smartMeterId, page } = route();
  if (!smartMeterId) {
    // A household's meters (electricity, and its gas or export meter beside it) open on its electricity import meter,
    // whose pages show the others; a customer with two households chooses.
    const remembered = config.mode === 'demo' ? undefined : homeMeter(meters)?.smartMeterId;
    if (remembered) location.replace(meterHash(remembered));
    else meterPicker(config, firstPage);
    return;
  }
  if (!isMeterId(smartMeterId)) {
    // `.` and `..` are path segments: no request could name such a meter, so none is sent.
    replace(main, screen.problem(new ApiError(404, `'${smartMeterId}' is not a meter id`), () => undefined));
    return;
  }
  if (config.mode === 'demo') demoMeter.set(smartMeterId);
  navigation(config, smartMeterId, page, meters);
  replace(main, ...(page === 'account' ? accountPage(screen, smartMeterId) : page === 'statements' ? statementsPage(screen, smartMeterId) : overview(screen, smartMeterId)));
}

async function start(): Promise<void> {
  const config = await loadConfig();
  if (location.hash === COMPARE_HASH) {
    // Anyone may compare, signed in or not: the rest of the app starts when they leave the page.
    showCompare(config);
    window.addEventListener('hashchange', () => location.reload(), { once: true });
    return;
  }
  if (config.mode === 'demo') {
    replace(banner, h('p', { class: 'demo' }, h('strong', {}, 'Demo mode: '), 'the API is open (AUTH is off), so you can look at any demo meter without signing in.'));
    if (!location.hash && demoMeter.get()) location.replace(meterHash(demoMeter.get()!));
  } else {
    replace(banner);
    try {
      await completeSignIn(config);
    } catch (error) {
      signedOutPage(config, (error as Error).message);
      return;
    }
    const session = currentToken();
    if (!('token' in session)) {
      signedOutPage(config, session.expired ? 'Your session has expired. Please sign in again.' : undefined);
      return;
    }
    useToken(session.token);
  }
  const screen = createScreen(() => (config.mode === 'sign-in' ? void signIn(config) : location.reload()));
  window.addEventListener('hashchange', () => void render(config, screen));
  await render(config, screen);
}

start().catch((error: unknown) => replace(main, h('p', { class: 'problem', role: 'alert' }, `JOI Energy could not start: ${(error as Error).message}. Reload the page to try again.`)));
