// #/translations/{id} — a translation's revisions, pick two to diff; #/revisions/{id} — one revision.

import { h, append, time, shortHash } from '../dom.js';
import { auth, getJson } from '../api.js';
import { reviewPanel, statusBadge } from './review.js';

export async function translationTitle(translation) {
  const doc = await getJson(`/api/documents/${translation.documentId}`);
  return { doc, name: `${translation.language} translation by ${translation.translator ?? 'unknown translator'}` };
}

export function breadcrumbs(doc, translation, ...rest) {
  return h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' },
    h('a', { href: '#/' }, 'Documents'), ' › ',
    h('a', { href: `#/documents/${doc.id}` }, doc.title),
    translation ? [' › ', h('a', { href: `#/translations/${translation.id}` }, `Translation #${translation.id}`)] : null,
    rest.map((r) => [' › ', r]));
}

export async function historyPage(root, [id]) {
  const [translation, revisions] = await Promise.all([
    getJson(`/api/translations/${id}`),
    getJson(`/api/translations/${id}/revisions`),
  ]);
  const { doc, name } = await translationTitle(translation);

  append(root, [
    breadcrumbs(doc, null, 'History'),
    h('h1', null, `History: ${name}`),
    h('p', { class: 'row-actions' },
      auth.has('editor') ? h('a', { href: `#/translations/${id}/edit`, class: 'button primary' }, 'Edit this translation') : null,
      translation.currentRevisionId ? h('a', { href: `#/revisions/${translation.currentRevisionId}/blame`, class: 'button' }, 'Blame the published text') : null),
  ]);

  const from = revisions[1]?.id ?? revisions[0]?.id;
  const to = revisions[0]?.id;
  const radio = (group, r, checked) => h('input', {
    type: 'radio', name: group, value: r.id, checked,
    'aria-label': `${group === 'from' ? 'Diff from' : 'Diff to'} revision ${r.number}`,
  });
  const form = h('form', { class: 'history', 'aria-labelledby': 'revisions-heading' },
    h('h2', { id: 'revisions-heading' }, `Revisions (${revisions.length})`),
    h('p', { class: 'hint', id: 'pick-hint' }, 'Pick an older revision in the From column and a newer one in the To column, then show the diff.'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'revisions' },
      h('thead', null, h('tr', null,
        ['From', 'To', 'No.', 'Author', 'Summary', 'Status', 'Reviewer', 'SHA-256', 'Created', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, revisions.map((r) => h('tr', { id: `revision-row-${r.id}`, class: `status-${r.status}` },
        h('td', null, radio('from', r, r.id === from)),
        h('td', null, radio('to', r, r.id === to)),
        h('th', { scope: 'row' }, h('a', { href: `#/revisions/${r.id}` }, String(r.number)),
          r.id === translation.currentRevisionId ? h('span', { class: 'badge published' }, 'published') : null),
        h('td', null, r.author ?? '—'),
        h('td', null, r.summary || h('span', { class: 'muted' }, 'no summary'),
          r.merged ? h('span', { class: 'badge' }, 'merged') : null),
        h('td', null, statusBadge(r.status)),
        h('td', null, r.reviewer ?? '—', r.reviewComment ? h('div', { class: 'muted' }, `“${r.reviewComment}”`) : null),
        h('td', null, h('code', { title: r.sha256 }, shortHash(r.sha256))),
        h('td', null, time(r.createdAt)),
        h('td', { class: 'row-actions' },
          r.parentId ? h('a', { href: `#/revisions/${r.parentId}/diff/${r.id}`, 'aria-label': `Diff revision ${r.number} against its parent` }, 'Diff') : null,
          h('a', { href: `#/revisions/${r.id}/blame`, 'aria-label': `Blame revision ${r.number}` }, 'Blame'))))))),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary', id: 'show-diff', disabled: revisions.length < 2 }, 'Show diff')),
    h('div', { class: 'error', id: 'pick-error', role: 'alert' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const a = data.get('from');
    const b = data.get('to');
    if (!a || !b || a === b) {
      form.querySelector('#pick-error').textContent = 'Pick two different revisions.';
      return;
    }
    location.hash = `#/revisions/${a}/diff/${b}`;
  });
  root.append(form);
}

export async function revisionPage(root, [id]) {
  const revision = await getJson(`/api/revisions/${id}`);
  const translation = await getJson(`/api/translations/${revision.translationId}`);
  const { doc, name } = await translationTitle(translation);
  const published = translation.currentRevisionId === revision.id;

  append(root, [
    breadcrumbs(doc, translation, `Revision ${revision.number}`),
    h('h1', null, `Revision ${revision.number} of the ${name}`),
    h('p', null, statusBadge(revision.status), published ? h('span', { class: 'badge published' }, 'published') : null,
      revision.merged ? h('span', { class: 'badge' }, 'merged') : null),
    h('dl', { class: 'meta' }, [
      ['Author', revision.author ?? '—'],
      ['Summary', revision.summary || '—'],
      ['Created', time(revision.createdAt)],
      ['Parent', revision.parentId ? h('a', { href: `#/revisions/${revision.parentId}` }, `revision ${revision.parentId}`) : 'none (first revision)'],
      ['Submitted against', revision.baseRevisionId ? h('a', { href: `#/revisions/${revision.baseRevisionId}` }, `revision ${revision.baseRevisionId}`) : '—'],
      ['Reviewer', revision.reviewer ? [revision.reviewer, revision.reviewedAt ? [' on ', time(revision.reviewedAt)] : null] : '—'],
      ['Review comment', revision.reviewComment ?? '—'],
      ['SHA-256', h('code', { class: 'hash' }, revision.sha256)],
    ].map(([t, d]) => [h('dt', null, t), h('dd', null, d)])),
    h('p', { class: 'row-actions' },
      revision.parentId ? h('a', { href: `#/revisions/${revision.parentId}/diff/${revision.id}`, class: 'button' }, 'Diff against parent') : null,
      translation.currentRevisionId && !published
        ? h('a', { href: `#/revisions/${translation.currentRevisionId}/diff/${revision.id}`, class: 'button' }, 'Diff against published') : null,
      h('a', { href: `#/revisions/${revision.id}/blame`, class: 'button' }, 'Blame'),
      h('a', { href: `#/translations/${translation.id}`, class: 'button' }, 'History')),
  ]);
  const review = reviewPanel(revision);
  if (review) root.append(review);
  root.append(h('section', { class: 'card', 'aria-labelledby': 'text-heading' },
    h('h2', { id: 'text-heading' }, 'Text'),
    h('div', { class: 'document-text', id: 'revision-text' }, revision.text.split(/\n{2,}/).map((p) => h('p', null, p)))));
}
