// #/revisions/{a}/diff/{b}?view=side|inline&granularity=word|char|line — the diff of two revisions.

import { h, append, time, shortHash } from '../dom.js';
import { getJson, qs } from '../api.js';
import { diffViewer } from '../diffview.js';
import { breadcrumbs, translationTitle } from './history.js';
import { reviewPanel, statusBadge } from './review.js';

export async function diffPage(root, [a, b], query) {
  const granularity = ['word', 'char', 'line'].includes(query.get('granularity')) ? query.get('granularity') : 'word';
  const view = query.get('view') === 'inline' ? 'inline' : 'side';
  const [left, right, diff] = await Promise.all([
    getJson(`/api/revisions/${a}`),
    getJson(`/api/revisions/${b}`),
    getJson(`/api/revisions/${a}/diff/${b}${qs({ granularity })}`),
  ]);
  const translation = await getJson(`/api/translations/${right.translationId}`);
  const { doc } = await translationTitle(translation);

  const describe = (r, side) => h('div', { class: `rev-card ${side}` },
    h('h2', null, `${side === 'left' ? 'From' : 'To'}: `, h('a', { href: `#/revisions/${r.id}` }, `revision ${r.number}`),
      r.translationId !== right.translationId ? ` (translation #${r.translationId})` : null),
    h('p', null, statusBadge(r.status), ' ', r.author ?? 'unknown author', ' · ', time(r.createdAt)),
    h('p', { class: 'summary' }, r.summary || h('span', { class: 'muted' }, 'no summary')),
    h('p', { class: 'muted' }, 'SHA-256 ', h('code', { title: r.sha256 }, shortHash(r.sha256))));

  const granularityForm = h('form', { class: 'inline-form', 'aria-label': 'Diff granularity' },
    h('div', { class: 'field' },
      h('label', { for: 'granularity' }, 'Granularity'),
      h('select', {
        id: 'granularity',
        onchange: (e) => { location.hash = `#/revisions/${a}/diff/${b}${qs({ granularity: e.target.value, view: currentView })}`; },
      }, ['word', 'char', 'line'].map((g) => h('option', { value: g, selected: g === granularity }, g)))));

  let currentView = view;
  append(root, [
    breadcrumbs(doc, translation, 'Diff'),
    h('h1', null, `Diff of revision ${left.number} → ${right.number}`),
    h('div', { class: 'rev-cards' }, describe(left, 'left'), describe(right, 'right')),
    h('p', { class: 'row-actions' },
      h('a', { href: `#/revisions/${b}/diff/${a}${qs({ granularity, view })}`, class: 'button' }, 'Swap sides'),
      h('a', { href: `#/revisions/${b}/blame`, class: 'button' }, `Blame revision ${right.number}`),
      h('a', { href: `#/translations/${translation.id}`, class: 'button' }, 'History')),
  ]);
  const review = reviewPanel(right);
  if (review) root.append(review);
  root.append(h('section', { class: 'card', 'aria-labelledby': 'changes-heading' },
    h('h2', { id: 'changes-heading' }, 'Changes'),
    granularityForm,
    diffViewer(diff, {
      mode: view,
      leftLabel: `Revision ${left.number}`,
      rightLabel: `Revision ${right.number}`,
      onModeChange: (m) => {
        currentView = m;
        // Keep the layout in the address (shareable) without re-rendering the page.
        history.replaceState(null, '', `#/revisions/${a}/diff/${b}${qs({ granularity: granularity === 'word' ? '' : granularity, view: m === 'side' ? '' : m })}`);
      },
    })));
}
