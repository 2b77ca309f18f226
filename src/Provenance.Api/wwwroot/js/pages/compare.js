// #/documents/{id}/compare?left=&right= — two translations of one document aligned paragraph by paragraph.

import { h, append, formatSimilarity } from '../dom.js';
import { getJson, qs } from '../api.js';
import { spanNode } from '../diffview.js';

const KIND_LABELS = {
  '1:1': 'one paragraph ↔ one paragraph',
  '1:n': 'one paragraph ↔ several',
  'n:1': 'several paragraphs ↔ one',
  'left-only': 'only in the left translation',
  'right-only': 'only in the right translation',
};

export async function comparePage(root, [id], query) {
  const doc = await getJson(`/api/documents/${id}`);
  const translations = doc.translations;
  const left = Number(query.get('left') ?? translations[0]?.id);
  const right = Number(query.get('right') ?? translations[1]?.id);
  const label = (t) => `${t.language} — ${t.translator ?? 'unknown translator'} (#${t.id})`;

  const select = (sideId, value) => h('select', { id: sideId, name: sideId.replace('compare-', '') },
    translations.map((t) => h('option', { value: t.id, selected: t.id === value }, label(t))));
  const leftSelect = select('compare-left', left);
  const rightSelect = select('compare-right', right);
  const form = h('form', { class: 'inline-form', 'aria-label': 'Choose translations' },
    h('div', { class: 'field' }, h('label', { for: 'compare-left' }, 'Left'), leftSelect),
    h('div', { class: 'field' }, h('label', { for: 'compare-right' }, 'Right'), rightSelect),
    h('button', { type: 'submit' }, 'Compare'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/documents/${id}/compare${qs({ left: leftSelect.value, right: rightSelect.value })}`;
  });

  append(root, [
    h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' },
      h('a', { href: '#/' }, 'Documents'), ' › ', h('a', { href: `#/documents/${id}` }, doc.title), ' › Compare'),
    h('h1', null, 'Compare translations'),
    h('p', { class: 'subtitle' }, doc.title),
    form,
  ]);
  if (translations.length < 2) {
    root.append(h('p', null, 'This document has one translation; there is nothing to compare yet.'));
    return;
  }
  if (left === right) {
    root.append(h('p', { class: 'error', role: 'alert' }, 'Pick two different translations.'));
    return;
  }

  const result = await getJson(`/api/documents/${id}/compare${qs({ left, right })}`);
  const pairs = result.pairs;
  const leftT = translations.find((t) => t.id === left);
  const rightT = translations.find((t) => t.id === right);
  const counts = { aligned: 0, leftOnly: 0, rightOnly: 0 };
  for (const p of pairs) {
    if (p.kind === 'left-only') counts.leftOnly++;
    else if (p.kind === 'right-only') counts.rightOnly++;
    else counts.aligned++;
  }

  const used = (side) => (side?.revisionId
    ? h('a', { href: `#/revisions/${side.revisionId}` }, `revision ${side.revisionNumber}`)
    : 'no revision');
  root.append(h('p', { class: 'muted' }, 'Comparing the published text: left ', used(result.left), ', right ', used(result.right),
    ` (${result.leftParagraphCount} and ${result.rightParagraphCount} paragraphs).`));
  root.append(h('p', { class: 'count', id: 'compare-summary' },
    `${pairs.length} aligned passages: ${counts.aligned} matched, ${counts.leftOnly} only on the left, ${counts.rightOnly} only on the right.`,
    result.bounded ? ' Long texts were aligned approximately.' : ''));

  const sideSpans = (pair, side) => {
    const text = side === 'left' ? pair.leftText : pair.rightText;
    if (!text) return h('span', { class: 'muted' }, '(no paragraph)');
    // leftSpans/rightSpans hold the raw words; spans hold the normalized (case-folded) ones.
    const spans = ((side === 'left' ? pair.leftSpans : pair.rightSpans) ?? []).filter((s) => s.kind === 'equal' || s.kind === (side === 'left' ? 'deleted' : 'inserted'));
    return spans.length ? spans.map(spanNode) : text;
  };
  const anchors = (pair) => {
    const items = [
      ...(pair.differingNumbers ?? []).map((a) => `number ${a.text} only ${a.side === 'left' ? 'left' : 'right'}`),
      ...(pair.differingNames ?? []).map((a) => `name ${a.text} only ${a.side === 'left' ? 'left' : 'right'}`),
    ];
    return items.length ? h('ul', { class: 'anchors', 'aria-label': 'Differing numbers and names' }, items.map((t) => h('li', null, '⚠ ', t))) : null;
  };
  const paragraphs = (list) => (list?.length ? `¶${list.map((n) => n + 1).join(', ¶')}` : '—');

  root.append(h('div', { class: 'table-wrap' }, h('table', { class: 'compare' },
    h('caption', { class: 'sr-only' }, `${label(leftT)} against ${label(rightT)}`),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'pair-meta-col' }, 'Alignment'),
      h('th', { scope: 'col' }, label(leftT)),
      h('th', { scope: 'col' }, label(rightT)))),
    h('tbody', null, pairs.map((p, i) => h('tr', { class: `pair kind-${p.kind}`, id: `pair-${i + 1}` },
      h('th', { scope: 'row', class: 'pair-meta' },
        h('span', { class: 'kind' }, p.kind), h('span', { class: 'sr-only' }, ` (${KIND_LABELS[p.kind] ?? p.kind})`),
        h('span', { class: 'muted' }, `${paragraphs(p.leftParagraphs)} ↔ ${paragraphs(p.rightParagraphs)}`),
        p.kind.includes('only') ? null : h('span', { class: 'similarity' }, `${formatSimilarity(p.similarity, 0)} similar`),
        anchors(p)),
      h('td', { class: 'cell left' }, sideSpans(p, 'left')),
      h('td', { class: 'cell right' }, sideSpans(p, 'right'))))))));
}
