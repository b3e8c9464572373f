import { api, meterPath, type Account } from './api.js';
import { apiKeysCard } from './api-keys.js';
import { h, replace } from './dom.js';
import { date } from './format.js';
import type { Screen } from './screen.js';

/** The account: the meter, the plan now, and every plan it has been on (newest first). */
export function accountPage(screen: Screen, smartMeterId: string): HTMLElement[] {
  const section = h('section', { class: 'card', 'aria-labelledby': 'account-title', 'aria-busy': 'true' }, h('h1', { id: 'account-title' }, 'My account'), h('p', { class: 'loading' }, 'Loading your account…'));
  const load = async () => {
    try {
      const account = await api<Account>(`/accounts/${meterPath(smartMeterId)}`);
      const history = [...account.planHistory].reverse();
      replace(section,
        h('h1', { id: 'account-title' }, 'My account'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Smart meter'), h('dd', {}, account.smartMeterId),
          h('dt', {}, 'Current plan'), h('dd', { 'data-testid': 'account-plan' }, account.pricePlanId ?? 'none'),
        ),
        h('h2', {}, 'Plan history'),
        h('div', { class: 'table-scroll' }, h('table', { 'data-testid': 'plan-history' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Plan'), h('th', { scope: 'col' }, 'From'))),
          h('tbody', {}, history.map((entry, i) => h('tr', {}, h('td', {}, entry.pricePlanId, i === 0 && entry.pricePlanId === account.pricePlanId ? h('span', { class: 'badge' }, 'Current') : ''), h('td', {}, entry.from === 0 ? 'the start of your readings' : date(entry.from))))),
        )),
      );
    } catch (error) {
      replace(section, h('h1', { id: 'account-title' }, 'My account'), screen.problem(error, load));
    } finally {
      section.setAttribute('aria-busy', 'false');
    }
  };
  void load();
  return [section, apiKeysCard()];
}
