// What every page shares: the status line, the account box, the current query.

import { h, clear, append } from './dom.js';
import { auth } from './api.js';

/** Says something to everyone, screen readers included (the status line is aria-live). */
let clearTimer;

export function announce(text) {
  const line = document.getElementById('status');
  line.textContent = '';
  clearTimeout(clearTimer);
  // Set in the next frame so that a repeated message is announced again.
  requestAnimationFrame(() => { line.textContent = text; });
  clearTimer = setTimeout(() => { line.textContent = ''; }, 5000);
}

/** Forgets the previous page's message. */
export function clearAnnouncement() {
  clearTimeout(clearTimer);
  document.getElementById('status').textContent = '';
}

/** Renders the current route again (after signing in or out, or after a write). */
export function rerender() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function currentQuery() {
  const hash = location.hash.slice(1);
  const i = hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : hash.slice(i + 1));
}

export function renderAccount() {
  const box = clear(document.getElementById('account'));
  if (auth.me) {
    append(box, [
      h('span', { class: 'who' }, 'Signed in as ', h('strong', { id: 'signed-in-name' }, auth.me.name),
        ' ', h('span', { class: 'roles' }, `(${auth.me.roles.join(', ')})`)),
      ' ',
      h('button', {
        type: 'button', class: 'link-button', id: 'sign-out',
        onclick: () => { auth.key = null; renderAccount(); announce('Signed out.'); rerender(); },
      }, 'Sign out'),
    ]);
  } else {
    const back = encodeURIComponent(location.hash || '#/');
    box.append(h('a', { href: `#/signin?return=${back}`, id: 'sign-in-link' }, 'Sign in'));
  }
}

/** A page's error, shown where the content would be. */
export function errorBox(error) {
  const lines = error.fieldErrors ?? [];
  return h('div', { class: 'error', role: 'alert' },
    h('p', null, error.message),
    lines.length ? h('ul', null, lines.map((l) => h('li', null, l))) : null);
}
