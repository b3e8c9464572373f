import { h } from './dom.js';

/**
 * Asks before an action that changes something, saying exactly what will change; runs it only on yes. A modal
 * <dialog>: focus moves into it and Escape cancels, as a keyboard or screen-reader user expects.
 */
export function confirmAction(options: { title: string; detail: (string | HTMLElement)[]; confirmLabel: string; danger?: boolean; run: () => unknown }): void {
  const confirm = h('button', { type: 'submit', class: options.danger ? 'primary danger' : 'primary', value: 'yes' }, options.confirmLabel);
  const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'confirm-title' }, options.title),
      ...options.detail.map((line) => (typeof line === 'string' ? h('p', {}, line) : line)),
      h('div', { class: 'actions' }, h('button', { type: 'submit', value: 'cancel' }, 'Cancel'), confirm),
    ),
  );
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (dialog.returnValue === 'yes') void options.run();
  });
  dialog.showModal();
  confirm.focus();
}
