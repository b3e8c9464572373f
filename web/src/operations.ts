import { api, isMeterId, type CatalogueAnswer, type MeterHealth, type MeterList, type OnboardedMeter } from './api.js';
import { h, replace } from './dom.js';
import { dateTime } from './format.js';
import { explainProblem, type Screen } from './screen.js';

/**
 * The operators' console, the Operations area: the fleet's health, onboarding, and (on a meter's page, see
 * ops-meter-page.ts) every admin action on one meter. Shown only to operators (and in the open demo); the API refuses
 * every admin call from anyone else whatever the app shows.
 */
export const opsHash = (page: 'meters' | 'onboard' | 'price-plans' = 'meters') => `#/ops/${page}`;
export const opsMeterHash = (smartMeterId: string) => `#/ops/meters/${encodeURIComponent(smartMeterId)}`;

const STATUS_LABELS: Record<MeterHealth['status'], string> = { ok: 'Reporting', silent: 'Silent', never: 'Never reported' };
const FILTERS = [
  { value: 'all', label: 'All meters' },
  { value: 'silent', label: 'Silent (no reading for a day)' },
  { value: 'never', label: 'Never reported' },
  { value: 'ok', label: 'Reporting' },
] as const;

const share = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** The fleet: every meter's last reading, its week's coverage and status; filter by status, find by id. */
export function metersPage(screen: Screen): HTMLElement[] {
  const status = h('select', { id: 'status-filter' }, FILTERS.map((f) => h('option', { value: f.value }, f.label)));
  const search = h('input', { id: 'meter-search', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. smart-meter-0' });
  const summary = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite', 'data-testid': 'meters-summary' });
  const rows = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, 'Load more meters');
  const table = h('div', { class: 'table-scroll' },
    h('table', { 'data-testid': 'meters' },
      h('caption', { class: 'visually-hidden' }, 'Meters with their last reading, the share of the last 7 days that holds readings, and their status'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Meter'), h('th', { scope: 'col', class: 'plan' }, 'Plan'), h('th', { scope: 'col', class: 'customer' }, 'Customer'),
        h('th', { scope: 'col' }, 'Last reading'), h('th', { scope: 'col', class: 'num' }, '7-day coverage'), h('th', { scope: 'col' }, 'Status'))),
      rows,
    ),
  );
  const body = h('div', { 'aria-live': 'polite' });
  const section = h('section', { class: 'card ops', 'aria-labelledby': 'meters-title' },
    h('h1', { id: 'meters-title' }, 'Meters'),
    h('form', { class: 'controls', role: 'search', onsubmit: (event: Event) => event.preventDefault() },
      h('label', { for: 'status-filter' }, 'Show'), status,
      h('label', { for: 'meter-search' }, 'Find a meter by id'), search,
    ),
    summary, body,
  );
  let meters: MeterHealth[] = [];
  let cursor: string | null = null;
  let latest = 0;

  const show = () => {
    const wanted = search.value.trim().toLowerCase();
    const shown = meters.filter((m) => m.smartMeterId.toLowerCase().includes(wanted));
    replace(rows, shown.map((m) => h('tr', { 'data-meter': m.smartMeterId, 'data-status': m.status },
      h('th', { scope: 'row' }, h('a', { href: opsMeterHash(m.smartMeterId) }, m.smartMeterId), m.kind === 'interval' && h('span', { class: 'badge', title: 'sends kWh per half hour' }, 'half-hourly')),
      h('td', { class: 'plan' }, m.pricePlanId ?? 'none'),
      h('td', { class: 'customer' }, m.customerId ?? h('span', { class: 'muted' }, 'unclaimed')),
      h('td', { class: 'last' }, m.lastReadingAt === null ? h('span', { class: 'muted' }, 'none yet') : dateTime(m.lastReadingAt)),
      h('td', { class: 'num coverage-7d', 'data-coverage': String(m.coverage7d) }, share(m.coverage7d), h('span', { class: 'phone-only' }, ' of 7 days')),
      h('td', { class: 'status' }, h('span', { class: `health ${m.status}` }, STATUS_LABELS[m.status])),
    )));
    const exact = wanted && isMeterId(search.value.trim()) && !shown.some((m) => m.smartMeterId.toLowerCase() === wanted);
    replace(summary,
      `${shown.length} of ${meters.length} meter${meters.length === 1 ? '' : 's'} loaded${cursor ? ' (more to load)' : ''}.`,
      exact ? h('span', {}, ' ', h('a', { href: opsMeterHash(search.value.trim()) }, `Open ${search.value.trim()}`)) : '',
    );
    replace(body, shown.length > 0 ? table : h('p', { class: 'empty' }, meters.length === 0 ? 'No meter has this status.' : 'No loaded meter matches.'), more);
    more.hidden = cursor === null;
  };
  const load = async (append: boolean) => {
    const mine = ++latest;
    section.setAttribute('aria-busy', 'true');
    if (!append) replace(body, h('p', { class: 'loading' }, 'Loading the fleet…'));
    const params = new URLSearchParams({ status: status.value });
    if (append && cursor) params.set('cursor', cursor);
    try {
      const page = await api<MeterList>(`/admin/meters?${params}`);
      if (mine !== latest) return;
      meters = append ? [...meters, ...page.meters] : page.meters;
      cursor = page.nextCursor;
      show();
    } catch (error) {
      if (mine === latest) replace(body, screen.problem(error, () => void load(append)));
    } finally {
      if (mine === latest) section.setAttribute('aria-busy', 'false');
    }
  };
  status.addEventListener('change', () => void load(false));
  search.addEventListener('input', show);
  more.addEventListener('click', () => void load(true));
  void load(false);
  return [section];
}

/** Onboard a meter: its id, plan and (optionally) customer; the key it must send is shown once, with a copy button. */
export function onboardPage(screen: Screen): HTMLElement[] {
  const id = h('input', { id: 'onboard-id', name: 'smartMeterId', required: true, autocomplete: 'off', spellcheck: 'false', pattern: '[A-Za-z0-9._:\\-]{1,128}' });
  const plan = h('select', { id: 'onboard-plan', name: 'pricePlanId', required: true });
  const customer = h('input', { id: 'onboard-customer', name: 'customerId', autocomplete: 'off', spellcheck: 'false' });
  const kind = h('select', { id: 'onboard-kind', name: 'kind' },
    h('option', { value: 'power' }, 'Power readings (kW samples)'),
    h('option', { value: 'interval' }, 'Half-hourly energy (kWh per half hour)'),
  );
  const fuel = h('select', { id: 'onboard-fuel', name: 'fuel' },
    h('option', { value: 'electricity' }, 'Electricity'),
    h('option', { value: 'gas-metric' }, 'Gas, in m³ (half-hourly volumes)'),
    h('option', { value: 'gas-imperial' }, 'Gas, in hundreds of cubic feet (imperial)'),
  );
  const electricityMeter = h('input', { id: 'onboard-electricity-meter', name: 'electricityMeterId', autocomplete: 'off', spellcheck: 'false', pattern: '[A-Za-z0-9._:\\-]{1,128}' });
  const electricityMeterField = h('div', { class: 'stacked', hidden: true },
    h('label', { for: 'onboard-electricity-meter' }, 'The household\'s electricity meter (optional: dual fuel)'), electricityMeter,
  );
  const direction = h('select', { id: 'onboard-direction', name: 'direction' },
    h('option', { value: 'import' }, 'Import: energy the home buys'),
    h('option', { value: 'export' }, 'Export: energy the home sells (solar), next to its import meter'),
  );
  const importMeter = h('input', { id: 'onboard-import-meter', name: 'importMeterId', autocomplete: 'off', spellcheck: 'false', pattern: '[A-Za-z0-9._:\\-]{1,128}' });
  const importMeterField = h('div', { class: 'stacked', hidden: true },
    h('label', { for: 'onboard-import-meter' }, 'The household\'s import meter'), importMeter,
    h('p', { class: 'muted' }, 'The export meter joins that meter\'s customer; a meter has at most one export meter.'),
  );
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Onboard meter');
  const outcome = h('div', { role: 'status', 'aria-live': 'polite', 'data-testid': 'onboard-outcome' });
  const form = h('form', { class: 'stacked', 'aria-describedby': 'onboard-help' },
    h('p', { id: 'onboard-help', class: 'muted' }, 'Creates the meter\'s account on a plan and gives it a key. A customer id (their sign-in\'s sub) links the meter to their account now; leave it empty to link it later.'),
    h('label', { for: 'onboard-id' }, 'Meter id'), id,
    h('label', { for: 'onboard-plan' }, 'Price plan'), plan,
    h('label', { for: 'onboard-customer' }, 'Customer id (optional)'), customer,
    h('label', { for: 'onboard-fuel' }, 'Fuel'), fuel,
    electricityMeterField,
    h('label', { for: 'onboard-kind' }, 'What the meter sends'), kind,
    h('label', { for: 'onboard-direction' }, 'Which way the energy flows'), direction,
    importMeterField,
    h('div', { class: 'actions' }, submit),
  );
  const section = h('section', { class: 'card ops', 'aria-labelledby': 'onboard-title' }, h('h1', { id: 'onboard-title' }, 'Onboard a meter'), form, outcome);
  // An export meter is onboarded on an export plan next to its import meter: the form asks for both only then.
  // A gas meter sends half-hourly volumes, imports only, and may join an electricity meter (dual fuel).
  const showDirection = () => {
    const gas = fuel.value !== 'electricity';
    electricityMeterField.hidden = !gas;
    kind.disabled = gas;
    direction.disabled = gas;
    if (gas) {
      kind.value = 'interval'; // what a gas meter sends: half-hourly volumes
      direction.value = 'import';
    }
    const exporting = direction.value === 'export';
    importMeterField.hidden = !exporting;
    importMeter.required = exporting;
    fillPlanOptions(plan, exporting ? 'export' : 'import', gas ? 'gas' : 'electricity').catch((error: unknown) => replace(outcome, screen.problem(error, () => location.reload())));
  };
  direction.addEventListener('change', showDirection);
  fuel.addEventListener('change', showDirection);
  showDirection();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(outcome, h('p', {}, `Onboarding ${id.value}…`));
    try {
      const exporting = direction.value === 'export';
      const gas = fuel.value !== 'electricity';
      const body = {
        smartMeterId: id.value.trim(),
        pricePlanId: plan.value,
        ...(gas ? { fuel: 'gas', units: fuel.value === 'gas-imperial' ? 'imperial' : 'metric', ...(electricityMeter.value.trim() && { electricityMeterId: electricityMeter.value.trim() }) } : { kind: kind.value, direction: direction.value }),
        ...(exporting && { importMeterId: importMeter.value.trim() }),
        ...(customer.value.trim() && { customerId: customer.value.trim() }),
      };
      const onboarded = await api<OnboardedMeter>('/admin/meters', { method: 'POST', body });
      replace(outcome, ...keyShownOnce(onboarded.smartMeterId, onboarded.meterKey, `${onboarded.smartMeterId} is onboarded on ${onboarded.pricePlanId}.`));
      form.reset();
      showDirection();
    } catch (error) {
      replace(outcome, h('p', { class: 'problem', role: 'alert' }, `The meter was not onboarded. ${explainProblem(error)}`));
    } finally {
      submit.disabled = false;
    }
  });
  return [section];
}

/** Fills a plan picker with the catalogue's plans (of one direction and fuel, when given), each named with its supplier. */
export async function fillPlanOptions(select: HTMLSelectElement, direction?: 'import' | 'export', fuel?: 'electricity' | 'gas'): Promise<void> {
  const query = new URLSearchParams({ ...(direction && { direction }), ...(fuel && { fuel }) }).toString();
  const catalogue = await api<CatalogueAnswer>(query ? `/price-plans?${query}` : '/price-plans');
  replace(select, catalogue.pricePlans.map((p) => h('option', { value: p.pricePlanId }, `${p.pricePlanId} (${p.supplier})`)));
}

/** A meter key, shown this once: a copy button and a warning that it cannot be shown again. */
export function keyShownOnce(smartMeterId: string, meterKey: string, headline: string): HTMLElement[] {
  const copied = h('span', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  return [
    h('p', { class: 'done' }, headline, ' ', h('a', { href: opsMeterHash(smartMeterId) }, `Open ${smartMeterId}`)),
    h('div', { class: 'key-once', 'data-testid': 'meter-key-panel' },
      h('p', {}, h('strong', {}, 'Meter key — shown only now. '), 'Store it in the meter before leaving this page: JOI Energy keeps only a hash of it and cannot show it again (rotate the key if it is lost).'),
      h('code', { 'data-testid': 'meter-key' }, meterKey),
      h('div', { class: 'actions' },
        h('button', {
          type: 'button',
          onclick: () =>
            void navigator.clipboard.writeText(meterKey).then(
              () => (copied.textContent = 'Copied.'),
              () => (copied.textContent = 'Copying failed: select the key and copy it by hand.'),
            ),
        }, 'Copy key'),
        copied,
      ),
    ),
  ];
}

