// #/revisions/{id}/blame?granularity=line|sentence — who wrote each line or sentence of a revision.

import { h, append, formatDate, time } from '../dom.js';
import { getJson, qs } from '../api.js';
import { breadcrumbs, translationTitle } from './history.js';

const SHADES = 8;

export async function blamePage(root, [id], query) {
  const granularity = query.get('granularity') === 'sentence' ? 'sentence' : 'line';
  const [revision, blame] = await Promise.all([
    getJson(`/api/revisions/${id}`),
    getJson(`/api/revisions/${id}/blame${qs({ granularity })}`),
  ]);
  const translation = await getJson(`/api/translations/${revision.translationId}`);
  const { doc, name } = await translationTitle(translation);
  const spans = Array.isArray(blame) ? blame : blame.spans;

  // One shade and one description per revision, oldest first.
  const revisions = new Map();
  for (const s of spans) {
    if (!revisions.has(s.revisionId)) revisions.set(s.revisionId, { ...s, chars: 0 });
    revisions.get(s.revisionId).chars += s.text.length;
  }
  const ordered = [...revisions.values()].sort((x, y) => x.revisionNumber - y.revisionNumber);
  ordered.forEach((r, i) => { r.shade = i % SHADES; });
  const describe = (r) => `Revision ${r.revisionNumber} by ${r.author ?? 'unknown'}, ${formatDate(r.createdAt)}: ${r.summary || 'no summary'}`;

  append(root, [
    breadcrumbs(doc, translation, `Blame of revision ${revision.number}`),
    h('h1', null, `Blame: revision ${revision.number} of the ${name}`),
    h('p', { class: 'hint' }, 'Each passage is shaded by the revision that last changed it. Hover over a passage, or move to it with Tab, to see who wrote it, when and why.'),
    h('form', { class: 'inline-form', 'aria-label': 'Blame granularity' },
      h('div', { class: 'field' },
        h('label', { for: 'blame-granularity' }, 'Granularity'),
        h('select', {
          id: 'blame-granularity',
          onchange: (e) => { location.hash = `#/revisions/${id}/blame${qs({ granularity: e.target.value })}`; },
        }, ['line', 'sentence'].map((g) => h('option', { value: g, selected: g === granularity }, g))))),
  ]);

  const legend = h('section', { class: 'card', 'aria-labelledby': 'blame-legend-heading' },
    h('h2', { id: 'blame-legend-heading' }, 'Revisions in this text'),
    h('ul', { class: 'blame-legend' }, ordered.map((r) => h('li', null,
      h('span', { class: `swatch shade-${r.shade}`, 'aria-hidden': 'true' }, `r${r.revisionNumber}`), ' ',
      h('a', { href: `#/revisions/${r.revisionId}` }, `Revision ${r.revisionNumber}`), ` by ${r.author ?? 'unknown'}, `,
      time(r.createdAt), ` — ${r.summary || 'no summary'}`,
      h('span', { id: `blame-desc-${r.revisionId}`, hidden: true }, describe(r))))));

  const tip = h('div', { class: 'tooltip', id: 'blame-tip', role: 'tooltip', hidden: true, 'aria-hidden': 'true' });
  const show = (el) => {
    const r = revisions.get(Number(el.dataset.revision));
    tip.replaceChildren(
      h('strong', null, `Revision ${r.revisionNumber}`), ` by `, h('span', { class: 'tip-author' }, r.author ?? 'unknown'),
      h('br'), formatDate(r.createdAt), h('br'), r.summary || 'no summary');
    tip.hidden = false;
    const rect = el.getBoundingClientRect();
    const top = window.scrollY + rect.bottom + 6;
    const left = Math.max(8, Math.min(window.scrollX + rect.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.top = `${top}px`;
    tip.style.left = `${left}px`;
  };
  const hide = () => { tip.hidden = true; };

  let previous = null;
  let atLineStart = true;
  const text = h('div', { class: 'blame-text', id: 'blame-text' }, spans.map((s) => {
    const r = revisions.get(s.revisionId);
    // A blank line belongs to no one worth naming: it carries no label and does not start a new run.
    const blank = s.text.trim() === '';
    const marker = !blank && s.revisionId !== previous ? h('span', { class: 'rev-marker', 'aria-hidden': 'true' }, `r${r.revisionNumber}`) : null;
    if (!blank) previous = s.revisionId;
    const content = readable(s.text, atLineStart);
    atLineStart = s.text.endsWith('\n');
    return [marker, h('span', {
      class: `blame-span shade-${r.shade}`, tabindex: '0',
      dataset: { revision: String(s.revisionId) },
      'aria-describedby': `blame-desc-${s.revisionId}`,
      onmouseenter: (e) => show(e.currentTarget),
      onmouseleave: hide,
      onfocus: (e) => show(e.currentTarget),
      onblur: hide,
      onkeydown: (e) => { if (e.key === 'Escape') hide(); },
    }, content)];
  }));

  root.append(h('section', { class: 'card', 'aria-labelledby': 'blame-text-heading' },
    h('h2', { id: 'blame-text-heading' }, 'Text'), text), legend, tip);
}

/** A span's text with Markdown heading markers (`#### Title`) shown as headings, not as raw `#`s. */
function readable(text, startsAtLineStart) {
  return text.split('\n').map((line, i) => {
    const heading = (i > 0 || startsAtLineStart) && /^#{1,6}\s+(.*)$/.exec(line);
    const shown = heading ? h('strong', { class: 'blame-heading' }, heading[1]) : line;
    return i === 0 ? shown : ['\n', shown];
  });
}
