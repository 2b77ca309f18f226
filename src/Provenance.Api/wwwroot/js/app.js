// The single-page shell: hash routes (#/documents/1), the account box and the status line.

import { h, clear } from './dom.js';
import { loadMe, ApiError } from './api.js';
import { currentQuery, renderAccount, clearAnnouncement } from './shell.js';
import { documentsPage } from './pages/documents.js';
import { documentPage } from './pages/document.js';
import { historyPage, revisionPage } from './pages/history.js';
import { diffPage } from './pages/diff.js';
import { blamePage } from './pages/blame.js';
import { comparePage } from './pages/compare.js';
import { editPage } from './pages/edit.js';
import { signInPage } from './pages/signin.js';

const routes = [
  [/^\/?$/, documentsPage],
  [/^\/documents$/, documentsPage],
  [/^\/documents\/(\d+)$/, documentPage],
  [/^\/documents\/(\d+)\/compare$/, comparePage],
  [/^\/translations\/(\d+)$/, historyPage],
  [/^\/translations\/(\d+)\/edit$/, editPage],
  [/^\/revisions\/(\d+)$/, revisionPage],
  [/^\/revisions\/(\d+)\/diff\/(\d+)$/, diffPage],
  [/^\/revisions\/(\d+)\/blame$/, blamePage],
  [/^\/signin$/, signInPage],
];

const main = document.getElementById('main');
let renderCount = 0;

async function route() {
  const hash = location.hash.slice(1) || '/';
  if (!hash.startsWith('/')) return; // an in-page anchor, not a route
  const path = hash.split('?')[0];
  const query = currentQuery();
  const render = ++renderCount;
  if (main.dataset.route !== path) clearAnnouncement();
  for (const [pattern, page] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    const target = h('div', { class: 'page' });
    try {
      await page(target, match.slice(1).map(Number), query);
    } catch (e) {
      clear(target);
      target.append(h('h1', null, e instanceof ApiError && e.status === 404 ? 'Not found' : 'Something went wrong'),
        h('p', { class: 'error', role: 'alert' }, e.message));
      if (!(e instanceof ApiError)) console.error(e);
    }
    if (render !== renderCount) return; // a newer navigation won
    main.replaceChildren(target);
    main.dataset.route = path;
    const heading = main.querySelector('h1');
    if (heading) document.title = `${heading.textContent} — Provenance`;
    // After a navigation (not the first load, where the skip link comes first), move focus to the new
    // page as a full page load would, unless the page already put it somewhere on purpose.
    if (render > 1 && (!main.contains(document.activeElement) || document.activeElement === main)) {
      (heading ?? main).setAttribute('tabindex', '-1');
      (heading ?? main).focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
    document.body.dataset.ready = String(render);
    return;
  }
  main.replaceChildren(h('h1', null, 'Not found'), h('p', null, 'No page here. ', h('a', { href: '#/' }, 'Back to the documents.')));
  document.body.dataset.ready = String(render);
}

window.addEventListener('hashchange', route);
document.getElementById('skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

await loadMe();
renderAccount();
await route();
