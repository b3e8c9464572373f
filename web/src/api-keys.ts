import { api, ApiError, type ApiKeyList, type Me, type NewApiKey } from './api.js';
import { confirmAction } from './confirm.js';
import { h, replace } from './dom.js';
import { date } from './format.js';
import { statusLine } from './screen.js';

/** The API's limit (MAX_PERSONAL_KEYS, a 409 past it), named once here: the web app imports no server module. */
const MAX_KEYS = 5;

/**
 * The Account page's personal API keys: the customer's account number for the /v1/ read API, their keys (made,
 * listed, revoked), and a new key shown once. Signed-in customers only: in the open demo nobody is signed in.
 */
export function apiKeysCard(): HTMLElement {
  const card = h('section', { class: 'card', 'aria-labelledby': 'api-keys-title', 'data-testid': 'api-keys' }, h('h2', { id: 'api-keys-title' }, 'Personal API keys'), h('p', { class: 'loading' }, 'Loading your keys…'));
  const status = statusLine('api-key-status', 'div');
  const load = async () => {
    let me: Me;
    let keys: ApiKeyList;
    try {
      [me, keys] = await Promise.all([api<Me>('/me'), api<ApiKeyList>('/me/api-keys')]);
    } catch (error) {
      const signedOut = error instanceof ApiError && error.status === 403;
      replace(card, h('h2', { id: 'api-keys-title' }, 'Personal API keys'), h('p', {}, signedOut ? 'Personal API keys are for signed-in customers (run the API with AUTH=on to try them).' : `Your keys could not be loaded: ${(error as Error).message}`));
      return;
    }
    const create = h('button', { type: 'button', class: 'primary', 'data-testid': 'create-api-key', disabled: keys.keys.length >= MAX_KEYS }, 'Create a key');
    create.addEventListener('click', () =>
      void status.attempt('Creating a key…', async () => {
        const made = await api<NewApiKey>('/me/api-keys', { method: 'POST' });
        await load();
        return [h('p', {}, 'Your new key. Copy it now: it is shown only this once.'), h('code', { 'data-testid': 'new-api-key', class: 'secret' }, made.apiKey)];
      }),
    );
    replace(card,
      h('h2', { id: 'api-keys-title' }, 'Personal API keys'),
      h('p', {}, 'Tools that read Octopus-style APIs can read your meters with a key: set their base URL to this site, your account number and the key (sent as the username, with no password). A key only reads, and only under /v1/.'),
      h('dl', { class: 'facts' }, h('dt', {}, 'Account number'), h('dd', { 'data-testid': 'account-number' }, me.accountNumber)),
      keys.keys.length === 0
        ? h('p', { 'data-testid': 'no-api-keys' }, 'You have no keys yet.')
        : h('div', { class: 'table-scroll' }, h('table', { 'data-testid': 'api-key-list' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
            h('tbody', {}, keys.keys.map((key) => h('tr', {},
              h('td', {}, h('code', {}, `${key.keyId.slice(0, 8)}…`)),
              h('td', {}, date(key.createdAt)),
              h('td', {}, h('button', {
                type: 'button',
                'aria-label': `Revoke key ${key.keyId.slice(0, 8)}`,
                onclick: () => confirmAction({
                  title: 'Revoke this key?',
                  detail: [`Key ${key.keyId.slice(0, 8)}… stops working. Tools using it can no longer read your data.`],
                  confirmLabel: 'Revoke',
                  danger: true,
                  run: () => status.attempt('Revoking…', async () => {
                    await api(`/me/api-keys/${key.keyId}`, { method: 'DELETE' });
                    await load();
                    return 'The key is revoked.';
                  }),
                }),
              }, 'Revoke')),
            ))),
          )),
      h('div', { class: 'actions' }, create, keys.keys.length >= MAX_KEYS ? h('span', {}, `At most ${MAX_KEYS} keys: revoke one to make another.`) : ''),
      status.element,
    );
  };
  void load();
  return card;
}
