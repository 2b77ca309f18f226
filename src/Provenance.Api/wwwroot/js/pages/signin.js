// #/signin — keep an API key for this browser tab (sessionStorage) and show whose it is.

import { h, append } from '../dom.js';
import { auth, loadMe } from '../api.js';
import { announce, renderAccount } from '../shell.js';

export async function signInPage(root, _params, query) {
  const back = query.get('return') || '#/';
  const input = h('input', {
    id: 'api-key', name: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false',
    'aria-describedby': 'api-key-hint',
  });
  const error = h('div', { id: 'signin-error', role: 'alert' });
  const form = h('form', { class: 'signin' },
    h('div', { class: 'field' },
      h('label', { for: 'api-key' }, 'API key'),
      input,
      h('small', { id: 'api-key-hint', class: 'hint' },
        'An administrator creates keys with POST /api/keys. The key stays in this tab only and is forgotten when you close it.')),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in')),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.replaceChildren();
    auth.key = input.value.trim();
    const me = await loadMe();
    renderAccount();
    if (!me) {
      error.replaceChildren(h('p', { class: 'error' }, 'The server does not accept this key.'));
      input.focus();
      return;
    }
    announce(`Signed in as ${me.name}.`);
    location.hash = back.startsWith('#/signin') ? '#/' : back;
  });

  append(root, [
    h('h1', null, 'Sign in'),
    auth.me ? h('p', null, `You are signed in as ${auth.me.name} (${auth.me.roles.join(', ')}). Sign in again to switch keys.`) : null,
    form,
  ]);
}
