// #/documents/{id}/compare?left=&right= — two translations of one document aligned sentence to sentence:
// one row per aligned passage, the words that differ marked quietly, a heat strip of similarity, and the raw texts.

import { h, append, formatSimilarity, focusElement } from '../dom.js';
import { getJson, qs } from '../api.js';

// What each normalization step ignored, in the words of "compared ignoring …", in reading order.
const STEP_PHRASES = {
  'case-folding': 'case',
  reflow: 'line wraps and paragraphing',
  hyphenation: 'hyphens at line ends',
  typography: 'typographic variants (quotes, dashes)',
  'editorial-brackets': 'editors’ square brackets',
  'transliteration-marks': 'transliteration marks',
  'ocr-noise': 'OCR noise',
};

const ONE_SIDED_LABELS = { header: 'header', note: 'note', passage: 'passage' };

// Five classes of similarity, pale (alike) to strong (unlike): differences are what a reader looks for.
const HEAT_CLASSES = [
  { min: 0.9, label: '90% or more' },
  { min: 0.75, label: '75–90%' },
  { min: 0.6, label: '60–75%' },
  { min: 0.4, label: '40–60%' },
  { min: -Infinity, label: 'under 40%' },
];
const heatClass = (pair) => (pair.oneSided || pair.kind.endsWith('only')
  ? 'heat-none'
  : `heat-${HEAT_CLASSES.findIndex((c) => pair.similarity >= c.min)}`);

const sentences = (n) => `${n} sentence${n === 1 ? '' : 's'}`;

const sideOf = (pair) => (pair.kind === 'left-only' ? 'left' : pair.kind === 'right-only' ? 'right' : null);

/** "only in the right translation (header)", or "56% similar, 2 sentences ↔ 1". */
function pairSummary(pair) {
  const only = sideOf(pair);
  if (only) return `only in the ${only} translation (${ONE_SIDED_LABELS[pair.oneSided] ?? 'passage'})`;
  return `${formatSimilarity(pair.similarity, 0)} similar, ${sentences(pair.leftSegments.length)} ↔ ${pair.rightSegments.length}`;
}

/** Steps named once each, in reading order, over both sides. */
function ignoredPhrases(normalization) {
  const applied = new Set([...(normalization?.left ?? []), ...(normalization?.right ?? [])].map((s) => s.step));
  return Object.keys(STEP_PHRASES).filter((s) => applied.has(s)).map((s) => STEP_PHRASES[s])
    .concat([...applied].filter((s) => !STEP_PHRASES[s]));
}

const listPhrase = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function normalizationSection(normalization, labels) {
  const phrases = ignoredPhrases(normalization);
  const side = (steps, label) => h('div', null, h('h3', null, label),
    steps?.length
      ? h('ul', null, steps.map((s) => h('li', null, h('strong', null, STEP_PHRASES[s.step] ?? s.step), ` (${s.count}×): ${s.detail}`)))
      : h('p', { class: 'muted' }, 'Nothing to ignore.'));
  return h('section', { class: 'normalization', 'aria-labelledby': 'normalization-heading' },
    h('h2', { id: 'normalization-heading', class: 'sr-only' }, 'What the comparison ignored'),
    h('p', { id: 'compare-normalization' }, phrases.length
      ? `Compared ignoring ${listPhrase(phrases)}. The texts are shown as stored.`
      : 'Compared as written: nothing needed normalizing.'),
    phrases.length ? h('details', null, h('summary', null, 'What each step did'),
      h('div', { class: 'normalization-sides' }, side(normalization.left, labels.left), side(normalization.right, labels.right))) : null);
}

/** The raw words of one side of a passage. */
function sideWords(pair, side) {
  const text = side === 'left' ? pair.leftText : pair.rightText;
  const spans = (side === 'left' ? pair.leftSpans : pair.rightSpans) ?? [];
  return markedWords(spans.map((s) => ({ ...s, text: withoutHeadingMarkers(s.text) })), withoutHeadingMarkers(text), pair);
}

/** Markdown heading markers (the seed's `#### CIPHERED TELEGRAM`) are markup, not words: passages show the words. */
const withoutHeadingMarkers = (text) => text.replace(/(^|\s)#{1,6}[ \t]+(?=\S)/g, '$1');

/**
 * Each run of differing words in one quiet <mark> (the spaces between them inside it, spaces around it outside), so
 * a reworded phrase reads as one tint, not a row of boxes.
 */
function markedWords(spans, text, pair) {
  if (!spans.length || sideOf(pair)) return text;
  const out = [];
  let mark = null; // the open <mark>, while only spaces follow it
  let gap = ''; // those spaces, placed inside if another differing word comes, else after it
  for (const s of spans) {
    if (s.kind === 'equal' || !s.text.trim()) {
      if (mark && !s.text.trim()) {
        gap += s.text;
      } else {
        out.push(gap + s.text);
        gap = '';
        mark = null;
      }
      continue;
    }
    const [, lead, words, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(s.text);
    if (mark) {
      mark.append(gap + lead + words);
    } else {
      out.push(lead);
      mark = h('mark', { class: 'differs' }, words);
      out.push(mark);
    }
    gap = trail;
  }
  out.push(gap);
  return out.filter((x) => x !== '');
}

function anchorNotes(pair) {
  const items = [
    ...(pair.differingNumbers ?? []).map((a) => ['number', a]),
    ...(pair.differingNames ?? []).map((a) => ['name', a]),
  ];
  if (!items.length) return null;
  return h('ul', { class: 'anchors', 'aria-label': 'Numbers and names on one side only' },
    items.map(([what, a]) => h('li', null, `${what} `, h('q', null, a.text), ` only ${a.side}`)));
}

function pairRow(pair, index, labels) {
  const only = sideOf(pair);
  const number = index + 1;
  const cell = (side) => {
    if (only && only !== side) {
      return h('td', { class: `cell ${side} absent`, 'data-label': labels[side] },
        h('span', { class: 'absent-note' }, `not in this translation`));
    }
    return h('td', { class: `cell ${side}`, 'data-label': labels[side] },
      only ? h('span', { class: 'one-sided-label' }, `${ONE_SIDED_LABELS[pair.oneSided] ?? 'passage'}, only here`) : null,
      h('span', { class: 'words' }, sideWords(pair, side)));
  };
  return h('tr', { class: `pair ${only ? 'one-sided' : 'aligned'}`, id: `pair-${number}`, 'data-kind': pair.kind, 'data-one-sided': pair.oneSided ?? null },
    h('th', { scope: 'row', class: 'pair-meta' },
      h('span', { class: 'pair-number' }, `§${number}`),
      only
        ? h('span', { class: 'similarity muted' }, `only ${only}`)
        : h('span', { class: 'similarity' }, h('span', { class: `swatch-dot ${heatClass(pair)}`, 'aria-hidden': 'true' }), formatSimilarity(pair.similarity, 0)),
      h('span', { class: 'kind muted' }, only ? (ONE_SIDED_LABELS[pair.oneSided] ?? 'passage') : `${pair.leftSegments.length} ↔ ${pair.rightSegments.length}`),
      h('span', { class: 'sr-only' }, `: ${pairSummary(pair)}`),
      anchorNotes(pair)),
    cell('left'), cell('right'));
}

/** One cell per passage, as wide as the longer side's text, coloured by similarity; a click brings the passage into view. */
function heatStrip(pairs) {
  const strip = h('ol', { class: 'heat-strip', id: 'heat-strip', 'aria-label': 'Similarity of each passage, in text order; choose one to go to it' },
    pairs.map((p, i) => {
      const cell = h('li', null, h('a', {
        href: `#pair-${i + 1}`,
        class: `heat-cell ${heatClass(p)}`,
        'aria-label': `§${i + 1}: ${pairSummary(p)}`,
        title: `§${i + 1}: ${pairSummary(p)}`,
        onclick: (e) => {
          e.preventDefault(); // keep the #/route; move to the row instead
          focusElement(document.getElementById(`pair-${i + 1}`));
        },
      }));
      // Through the CSSOM: the page's CSP refuses style attributes.
      cell.style.flexGrow = String(Math.max(p.leftText.length, p.rightText.length, 1));
      return cell;
    }));
  const legend = h('ul', { class: 'heat-legend', 'aria-label': 'Heat strip colours' },
    HEAT_CLASSES.map((c, i) => h('li', null, h('span', { class: `swatch-dot heat-${i}`, 'aria-hidden': 'true' }), c.label)),
    h('li', null, h('span', { class: 'swatch-dot heat-none', 'aria-hidden': 'true' }), 'on one side only'));
  return h('div', { class: 'heat' }, strip, legend);
}

function alignedView(result, labels, revisionLink) {
  const head = (side) => h('th', { scope: 'col' }, labels[side], h('span', { class: 'muted' }, ' · ', revisionLink(result[side])));
  return h('section', { class: 'aligned-view', 'aria-labelledby': 'aligned-heading' },
    h('h2', { id: 'aligned-heading' }, 'Aligned passages'),
    heatStrip(result.pairs),
    h('div', { class: 'table-wrap' }, h('table', { class: 'alignment' },
      h('caption', { class: 'sr-only' }, `${labels.left} (left) aligned with ${labels.right} (right), one passage per row`),
      h('colgroup', null, h('col', { class: 'meta-col' }), h('col'), h('col')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Passage')), head('left'), head('right'))),
      h('tbody', null, result.pairs.map((p, i) => pairRow(p, i, labels))))));
}

/** The two stored texts as they are (line breaks and capitals kept), loaded when first shown. */
function rawView(result, labels) {
  const column = (side) => {
    const pre = h('pre', { class: 'raw-text', id: `raw-${side}`, 'aria-labelledby': `raw-${side}-heading`, tabindex: '0' }, 'Loading…');
    const revisionId = result[side].revisionId;
    (revisionId ? getJson(`/api/revisions/${revisionId}`).then((r) => r.text) : Promise.resolve(''))
      .then((text) => { pre.textContent = text || '(no text yet)'; })
      .catch((e) => { pre.textContent = `Could not load the text: ${e.message}`; });
    return h('div', { class: 'raw-column' }, h('h3', { id: `raw-${side}-heading` }, labels[side]), pre);
  };
  return h('section', { class: 'raw-view', 'aria-labelledby': 'raw-heading' },
    h('h2', { id: 'raw-heading' }, 'Raw texts, as stored'),
    h('div', { class: 'raw-columns' }, column('left'), column('right')));
}

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
  const labels = {
    left: label(translations.find((t) => t.id === left)),
    right: label(translations.find((t) => t.id === right)),
  };
  const pairs = result.pairs;
  const leftOnly = pairs.filter((p) => p.kind === 'left-only').length;
  const rightOnly = pairs.filter((p) => p.kind === 'right-only').length;
  const revisionLink = (side) => (side?.revisionId
    ? h('a', { href: `#/revisions/${side.revisionId}` }, `revision ${side.revisionNumber}`)
    : 'no revision');

  root.append(h('p', { class: 'count', id: 'compare-summary' },
    `${pairs.length} passages: ${pairs.length - leftOnly - rightOnly} aligned, ${leftOnly} only on the left, ${rightOnly} only on the right`,
    ` (${sentences(result.leftSegmentCount)} left, ${sentences(result.rightSegmentCount)} right).`,
    result.bounded ? ' Long texts were aligned approximately.' : ''));
  root.append(normalizationSection(result.normalization, labels));

  // Aligned rows by default; the raw texts are built (and fetched) the first time they are asked for.
  const views = { aligned: () => alignedView(result, labels, revisionLink), raw: () => rawView(result, labels) };
  const built = {};
  const container = h('div', { class: 'compare-view' });
  const buttons = {};
  const show = (name) => {
    for (const [n, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(n === name));
    built[name] ??= views[name]();
    container.replaceChildren(built[name]);
  };
  buttons.aligned = h('button', { type: 'button', id: 'view-aligned', onclick: () => show('aligned') }, 'Aligned passages');
  buttons.raw = h('button', { type: 'button', id: 'view-raw', onclick: () => show('raw') }, 'Raw texts');
  root.append(h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Comparison view' }, buttons.aligned, buttons.raw), container);
  show('aligned');
}
