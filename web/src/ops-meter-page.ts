import { api, meterPath, type Account, type AuditPage, type MeterKey, type ReadingsDeletion, type UsageReport } from './api.js';
import { confirmAction } from './confirm.js';
import { h, replace } from './dom.js';
import { date, dateTime, kWh, localInputValue, secondsOfLocalInput, timeZone } from './format.js';
import { fillPlanOptions, keyShownOnce, opsHash, opsMeterHash } from './operations.js';
import { explainProblem, statusLine, type Screen } from './screen.js';
import { usageChart } from './usage-chart.js';

const DAY = 86_400;
const dayName = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone });
/** A coverage band, so the strip's colour is never the only cue: each day also says its share in words. */
const band = (coverage: number) => (coverage >= 0.999 ? 'full' : coverage >= 0.9 ? 'most' : coverage > 0 ? 'part' : 'none');

/** One meter for an operator: coverage by day with its usage, plan history, and every admin action. */
export function opsMeterPage(screen: Screen, smartMeterId: string): HTMLElement[] {
  // A div: it may show a key panel, which a paragraph cannot hold.
  const status = statusLine('ops-status', 'div');

  // Coverage by day, and the same days' usage.
  const span = h('select', { id: 'coverage-days' }, h('option', { value: '7' }, 'Last 7 days'), h('option', { value: '30' }, 'Last 30 days'));
  const strip = h('div', { 'aria-live': 'polite' });
  const coverage = h('section', { class: 'card', 'aria-labelledby': 'coverage-title' },
    h('h2', { id: 'coverage-title' }, 'Readings by day'),
    h('div', { class: 'controls' }, h('label', { for: 'coverage-days' }, 'Period'), span),
    h('p', { class: 'muted' }, `Each day's coverage: the share of its half hours that hold readings (days in ${timeZone}).`),
    strip,
  );
  let destroyChart: (() => void) | undefined;
  const loadCoverage = async () => {
    destroyChart?.();
    coverage.setAttribute('aria-busy', 'true');
    // Whole days: from midnight (the browser's) N − 1 days ago to now, today being the last.
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const from = Math.floor(midnight.getTime() / 1000) - (Number(span.value) - 1) * DAY;
    const params = new URLSearchParams({ groupBy: 'day', tz: timeZone, from: String(from), to: String(Math.floor(Date.now() / 1000)) });
    try {
      const report = await api<UsageReport>(`/usage/${meterPath(smartMeterId)}?${params}`);
      const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `Bar chart of ${smartMeterId}'s energy per day; the strip above gives each day's figures.` });
      replace(strip,
        h('ol', { class: 'coverage-strip', 'data-testid': 'coverage-strip' }, report.periods.map((p) =>
          h('li', { class: `coverage ${band(p.coverage)}`, 'data-from': String(p.from), 'data-coverage': String(p.coverage) },
            h('span', { class: 'day' }, dayName.format(p.from * 1000)),
            h('span', { class: 'share' }, `${Math.round(p.coverage * 100)}%`),
            h('span', { class: 'visually-hidden' }, `, ${kWh(p.kWh)}`),
          ))),
        chart,
      );
      destroyChart = usageChart(chart, report);
    } catch (error) {
      replace(strip, screen.problem(error, loadCoverage));
    } finally {
      coverage.setAttribute('aria-busy', 'false');
    }
  };
  span.addEventListener('change', () => void loadCoverage());

  // The account and its plan history.
  const account = h('section', { class: 'card', 'aria-labelledby': 'ops-meter-title' }, h('h1', { id: 'ops-meter-title' }, smartMeterId), h('p', { class: 'loading' }, 'Loading the account…'));
  let current: Account | undefined;
  const loadAccount = async () => {
    try {
      current = await api<Account>(`/accounts/${meterPath(smartMeterId)}`);
      replace(account,
        h('h1', { id: 'ops-meter-title' }, smartMeterId),
        h('p', {}, h('a', { href: opsHash() }, '← All meters')),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Plan now'), h('dd', { 'data-testid': 'ops-plan' }, current.pricePlanId ?? 'none'),
          h('dt', {}, 'Sends'), h('dd', { 'data-testid': 'ops-kind' }, current.fuel === 'gas' ? `half-hourly gas volumes (${current.units === 'imperial' ? 'hundreds of cubic feet' : 'm³'})` : current.kind === 'interval' ? 'half-hourly energy (kWh per half hour)' : 'power readings (kW samples)'),
          h('dt', {}, 'Energy'), h('dd', { 'data-testid': 'ops-direction' }, current.direction === 'export' ? 'exported (sold to the grid)' : 'imported (bought from the grid)'),
          householdMeter(current),
        ),
        h('h2', {}, 'Plan history'),
        h('div', { class: 'table-scroll' }, h('table', { 'data-testid': 'ops-plan-history' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Plan'), h('th', { scope: 'col' }, 'From'))),
          h('tbody', {}, [...current.planHistory].reverse().map((entry) => h('tr', {}, h('td', {}, entry.pricePlanId), h('td', {}, entry.from === 0 ? 'the first reading' : dateTime(entry.from))))),
        )),
      );
    } catch (error) {
      replace(account, h('h1', { id: 'ops-meter-title' }, smartMeterId), h('p', {}, h('a', { href: opsHash() }, '← All meters')), screen.problem(error, loadAccount));
    }
  };

  // What was done to the meter: reloaded after every action below.
  const { section: audit, load: loadAudit } = auditSection(screen, smartMeterId);

  // Actions, each confirmed with exactly what it will change.
  const rotate = h('button', { type: 'button' }, 'Rotate key…');
  rotate.addEventListener('click', () =>
    confirmAction({
      title: `Rotate the key of ${smartMeterId}?`,
      detail: ['A new key is made and shown once. The current key stops working: the meter is refused until it sends the new one (a key the API saw in the last 5 minutes may still pass until its check expires).'],
      confirmLabel: 'Yes, rotate the key',
      danger: true,
      run: () =>
        status.attempt(`Rotating the key of ${smartMeterId}…`, async () => {
          const { meterKey } = await api<MeterKey>(`/admin/meters/${meterPath(smartMeterId)}/key`, { method: 'POST' });
          void loadAudit();
          return keyShownOnce(smartMeterId, meterKey, `${smartMeterId} has a new key.`);
        }, 'The key was not rotated.'),
    }),
  );

  const plan = h('select', { id: 'switch-plan' });
  const from = h('input', { id: 'switch-from', type: 'datetime-local' });
  const switchForm = h('form', { class: 'stacked' },
    h('h3', {}, 'Switch plan'),
    h('label', { for: 'switch-plan' }, 'New plan'), plan,
    h('label', { for: 'switch-from' }, 'Takes effect from (your local time; in the past for a backdated switch)'), from,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Switch plan…')),
  );
  switchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const at = secondsOfLocalInput(from);
    if (at === undefined) return status.say('Give the date and time the new plan takes effect from.', true);
    confirmAction({
      title: `Switch ${smartMeterId} to ${plan.value}?`,
      detail: [`${smartMeterId} moves from ${current?.pricePlanId ?? 'no plan'} to ${plan.value} from ${dateTime(at)}. Usage from then on is priced on ${plan.value}${at < Date.now() / 1000 ? ', including the usage already recorded since then' : ''}.`],
      confirmLabel: 'Yes, switch',
      run: async () => {
        const switched = await status.attempt(`Switching ${smartMeterId} to ${plan.value}…`, async () => {
          await api(`/accounts/${meterPath(smartMeterId)}/price-plan`, { method: 'PUT', body: { pricePlanId: plan.value, from: at } });
          return `Done: ${smartMeterId} is on ${plan.value} from ${dateTime(at)}.`;
        }, 'The plan was not switched.');
        if (switched) await Promise.all([loadAccount(), loadAudit()]);
      },
    });
  });

  const deleteFrom = h('input', { id: 'delete-from', type: 'datetime-local', required: true });
  const deleteTo = h('input', { id: 'delete-to', type: 'datetime-local', required: true });
  const deleteForm = h('form', { class: 'stacked' },
    h('h3', {}, 'Delete readings in a range'),
    h('label', { for: 'delete-from' }, 'From (your local time)'), deleteFrom,
    h('label', { for: 'delete-to' }, 'To (not included)'), deleteTo,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Delete readings…')),
  );
  deleteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const [a, b] = [secondsOfLocalInput(deleteFrom), secondsOfLocalInput(deleteTo)];
    if (a === undefined || b === undefined || b <= a) return status.say('Give a range whose end is after its start.', true);
    confirmAction({
      title: `Delete ${smartMeterId}'s readings?`,
      detail: [`Every reading of ${smartMeterId} from ${dateTime(a)} up to ${dateTime(b)} is deleted for good. Usage, costs and statements over that time change accordingly; this cannot be undone.`],
      confirmLabel: 'Yes, delete them',
      danger: true,
      run: async () => {
        const deletedAll = await status.attempt(`Deleting ${smartMeterId}'s readings…`, async () => {
          let deleted = 0;
          // A long range is deleted in bounded calls: repeat until the API says none remain.
          for (let done = false; !done; ) {
            const answer = await api<ReadingsDeletion>(`/admin/meters/${meterPath(smartMeterId)}/readings?from=${a}&to=${b}`, { method: 'DELETE' });
            deleted += answer.deleted;
            done = answer.complete;
          }
          return `Deleted ${deleted} reading${deleted === 1 ? '' : 's'} of ${smartMeterId} from ${date(a)} to ${date(b)}.`;
        }, 'The readings were not deleted.');
        if (deletedAll) await Promise.all([loadCoverage(), loadAudit()]);
      },
    });
  });

  const actions = h('section', { class: 'card ops-actions', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, 'Actions'),
    status.element,
    h('div', { class: 'action-grid' },
      h('div', { class: 'stacked' }, h('h3', {}, 'Meter key'), h('p', { class: 'muted' }, 'Issue a new key when one is lost or leaked.'), h('div', { class: 'actions' }, rotate)),
      switchForm,
      deleteForm,
    ),
  );
  const now = Math.floor(Date.now() / 1000);
  from.value = localInputValue(now);
  deleteFrom.value = localInputValue(now - DAY);
  deleteTo.value = localInputValue(now);
  void loadAccount().then(() => fillPlanOptions(plan, current?.direction, current?.fuel).catch((error: unknown) => status.say(explainProblem(error), true)));
  void loadCoverage();
  void loadAudit();
  return [account, coverage, actions, audit];
}

/** What was done to the meter (the audit trail's records about it), newest first, a page at a time. */
function auditSection(screen: Screen, smartMeterId: string): { section: HTMLElement; load: () => Promise<void> } {
  const list = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, 'Older actions');
  const section = h('section', { class: 'card', 'aria-labelledby': 'ops-audit-title' },
    h('h2', { id: 'ops-audit-title' }, 'What was done to this meter'),
    h('p', { class: 'muted' }, 'Every change an operator, the customer or a supplier system made, newest first, with its outcome (the audit trail).'),
    h('div', { class: 'table-scroll' }, h('table', { 'data-testid': 'ops-audit' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Who'), h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'Details'), h('th', { scope: 'col', class: 'num' }, 'Outcome'))),
      list,
    )),
    h('div', { class: 'actions' }, more),
  );
  let cursor: string | null = null;
  const page = async (reset: boolean) => {
    try {
      const answer = await api<AuditPage>(`/accounts/${meterPath(smartMeterId)}/audit?from=0&limit=20${!reset && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const rows = answer.records.map((r) =>
        h('tr', { 'data-operation': r.operation },
          h('td', {}, dateTime(r.at / 1000)),
          h('td', {}, r.actor.kind === 'machine' ? `supplier system ${r.actor.clientId ?? ''}` : `${r.actor.kind} ${r.actor.sub ?? ''}`),
          h('td', {}, r.operation),
          h('td', { class: 'details' }, Object.entries(r.details).map(([key, value]) => `${key}: ${typeof value === 'number' && value > 1e9 && value < 1e10 ? dateTime(value) : JSON.stringify(value)}`).join(', ') || '—'),
          h('td', { class: 'num' }, r.outcome.message ? `${r.outcome.status}: ${r.outcome.message}` : String(r.outcome.status)),
        ),
      );
      if (reset) replace(list, rows.length > 0 ? rows : h('tr', {}, h('td', { colspan: '5', class: 'empty' }, 'Nothing recorded for this meter yet.')));
      else list.append(...rows);
      cursor = answer.nextCursor;
      more.hidden = cursor === null;
    } catch (error) {
      replace(list, h('tr', {}, h('td', { colspan: '5' }, screen.problem(error, () => page(true)))));
    }
  };
  more.addEventListener('click', () => void page(false));
  return { section, load: () => page(true) };
}

/** The household's other meters, linked: an export meter, a gas meter, or the electricity meter they join. */
function householdMeter(account: Account): HTMLElement[] {
  const links = [
    ['Export meter', account.exportMeterId],
    ['Import meter', account.importMeterId],
    ['Gas meter', account.gasMeterId],
    ['Electricity meter', account.electricityMeterId],
  ] as const;
  return links.flatMap(([label, other]) => (other === undefined ? [] : [h('dt', {}, label), h('dd', { 'data-testid': 'ops-household' }, h('a', { href: opsMeterHash(other) }, other))]));
}

