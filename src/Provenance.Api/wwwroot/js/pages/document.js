// #/documents/{id} — the record: metadata, markings, custody timeline, translations, citations, provenance.

import { h, append, time } from '../dom.js';
import { auth, getJson, getText, qs, ApiError } from '../api.js';
import { announce, errorBox } from '../shell.js';

const CITATION_STYLES = [
  { style: 'chicago', label: 'Chicago', ext: 'txt' },
  { style: 'csl-json', label: 'CSL-JSON', ext: 'json' },
  { style: 'bibtex', label: 'BibTeX', ext: 'bib' },
];

export async function documentPage(root, [id]) {
  const doc = await getJson(`/api/documents/${id}`);

  append(root, [
    h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' }, h('a', { href: '#/' }, 'Documents'), ' › ', doc.title),
    h('h1', null, doc.title),
    doc.dateText ? h('p', { class: 'subtitle' }, doc.date ? h('time', { datetime: doc.date }, doc.dateText) : doc.dateText) : null,
    doc.summary ? h('p', { class: 'summary' }, doc.summary) : null,
  ]);

  root.append(section('Record', 'record',
    h('dl', { class: 'meta' }, [
      meta('Date', doc.dateText ? `${doc.dateText}${doc.date ? ` (${doc.date}, ${doc.datePrecision} precision)` : ''}` : null),
      meta('Original language', doc.originalLanguageName ? `${doc.originalLanguageName} (${doc.originalLanguage})` : doc.originalLanguage),
      meta('Archive', doc.archive ? `${doc.archive.name} (${doc.archive.code})` : null),
      meta('Translators', doc.translators.join(', ')),
      meta('Publisher', doc.publisherName
        ? (doc.publisherUrl ? h('a', { href: doc.publisherUrl, rel: 'noopener noreferrer' }, doc.publisherName) : doc.publisherName)
        : null),
      meta('Publisher record', doc.publisherRecordId),
      meta('Source note', doc.sourceNote),
      meta('Added', time(doc.createdAt)),
      meta('Updated', time(doc.updatedAt)),
    ]),
    h('h3', { id: 'markings-heading' }, 'Markings'),
    doc.markings.length
      ? h('ul', { class: 'markings', 'aria-labelledby': 'markings-heading' }, doc.markings.map((m) => h('li', null, m)))
      : h('p', null, 'None recorded.')));

  root.append(section('Custody chain', 'custody',
    doc.custody.length
      ? h('ol', { class: 'timeline' }, [...doc.custody].sort((a, b) => a.order - b.order).map((step) => h('li', null,
        h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(step.order)),
        h('div', { class: 'step' },
          h('strong', { class: 'holder' }, step.holder),
          h('span', { class: 'relation' }, step.relation),
          step.place ? h('span', { class: 'place' }, step.place) : null))))
      : h('p', null, 'No custody steps recorded.')));

  // One fetch of each translation's history serves both the revision numbers and the history section.
  const histories = Promise.all(doc.translations.map((t) => getJson(`/api/translations/${t.id}/history`)));
  root.append(translationsSection(doc, await revisionNumbers(histories)));
  root.append(historySection(doc, histories));
  root.append(citationsSection(doc));
  root.append(provenanceSection(doc));

  if (doc.extraSections.length || doc.footnotes.length) {
    root.append(section('Notes', 'notes',
      doc.extraSections.map((s) => [h('h3', null, s.name), h('p', { class: 'pre-line' }, s.text)]),
      doc.footnotes.length ? h('ol', { class: 'footnotes' }, doc.footnotes.map((f) => h('li', null, h('strong', null, `[${f.label}] `), f.text))) : null));
  }
}

function section(title, id, ...children) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, title), ...children);
}

function meta(term, value) {
  if (value === null || value === undefined || value === '') return null;
  return [h('dt', null, term), h('dd', null, value)];
}

/** Revision id → its number within its translation; empty when the histories cannot be read (the history section says why). */
async function revisionNumbers(histories) {
  try {
    return new Map((await histories).flat().map((r) => [r.revisionId, r.number]));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return new Map();
  }
}

/** Links a revision by its number, as the history and diff pages do; never by its database id. */
function revisionLink(id, numbers, suffix = '') {
  const number = numbers.get(id);
  return h('a', { href: `#/revisions/${id}` }, `${number ? `revision ${number}` : 'revision'}${suffix}`);
}

function translationsSection(doc, numbers) {
  const rows = doc.translations.map((t) => {
    const published = t.currentRevisionId;
    const head = t.headRevisionId ?? published;
    return h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: `#/translations/${t.id}` }, `${t.language} — ${t.translator ?? 'unknown translator'}`),
        // A button, not a #fragment link: the hash is the router's.
        t.source?.needsReview ? h('button', {
          type: 'button', class: 'badge needs-review', 'aria-controls': `source-review-${t.id}`,
          onclick: () => { const d = document.getElementById(`source-review-${t.id}`); d.open = true; d.scrollIntoView({ block: 'nearest' }); },
        }, 'needs review') : null),
      h('td', null, t.kind),
      h('td', null, published ? revisionLink(published, numbers) : 'none yet'),
      h('td', null, head && head !== published ? revisionLink(head, numbers, ' (pending)') : '—'),
      h('td', { class: 'row-actions' },
        h('a', { href: `#/translations/${t.id}` }, 'History'),
        published ? h('a', { href: `#/revisions/${published}/blame` }, 'Blame') : null,
        auth.has('editor') ? h('a', { href: `#/translations/${t.id}/edit` }, 'Edit') : null));
  });
  const body = [
    h('div', { class: 'table-wrap' }, h('table', { class: 'translations' },
      h('thead', null, h('tr', null, ['Translation', 'Kind', 'Published', 'Newer proposal', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows))),
    doc.translations.filter((t) => t.source?.needsReview).map((t) => sourceReview(t, numbers)),
  ];
  if (doc.translations.length >= 2) {
    const option = (t) => h('option', { value: t.id }, `${t.language} — ${t.translator ?? 'unknown'} (#${t.id})`);
    const left = h('select', { id: 'compare-left', name: 'left' }, doc.translations.map(option));
    const right = h('select', { id: 'compare-right', name: 'right' }, doc.translations.map(option));
    right.selectedIndex = 1;
    const form = h('form', { class: 'inline-form', 'aria-label': 'Compare translations' },
      h('div', { class: 'field' }, h('label', { for: 'compare-left' }, 'Left'), left),
      h('div', { class: 'field' }, h('label', { for: 'compare-right' }, 'Right'), right),
      h('button', { type: 'submit' }, 'Compare translations'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      location.hash = `#/documents/${doc.id}/compare${qs({ left: left.value, right: right.value })}`;
    });
    body.push(form);
  }
  return section('Translations', 'translations', body);
}

/** The passages whose original changed since the revision this translation renders (ADR 0010), folded away until asked for. */
function sourceReview(t, numbers) {
  const s = t.source;
  const paragraphs = (r) => (r.count === 0 ? `before ¶${r.start}` : r.count === 1 ? `¶${r.start}` : `¶${r.start}–${r.start + r.count - 1}`);
  return h('details', { class: 'source-review', id: `source-review-${t.id}` },
    h('summary', null, `${t.language} — ${t.translator ?? 'unknown translator'} renders `, revisionLink(s.rendersRevisionId, numbers),
      ' of the original, which is now at ', revisionLink(s.currentRevisionId, numbers),
      `: ${s.changedPassages.length} passage${s.changedPassages.length === 1 ? '' : 's'} to review`),
    h('p', { class: 'muted' },
      s.positional ? 'Translation paragraphs are matched by position: it has as many paragraphs as the original it renders. '
        : 'The translation is paragraphed differently, so its passages are not pointed at. ',
      h('a', { href: `#/revisions/${s.rendersRevisionId}/diff/${s.currentRevisionId}` }, 'Diff of the original')),
    h('ol', { class: 'changed-passages' }, s.changedPassages.map((p) => h('li', null,
      h('span', { class: 'muted' }, `Original ${paragraphs(p.renderedParagraphs)} → ${paragraphs(p.currentParagraphs)}`,
        p.translationParagraphs ? ` · translation ${paragraphs(p.translationParagraphs)}` : ''),
      p.renderedText ? h('blockquote', { class: 'was' }, h('span', { class: 'label' }, 'Was: '), p.renderedText) : null,
      p.currentText ? h('blockquote', { class: 'now' }, h('span', { class: 'label' }, 'Now: '), p.currentText) : null,
      p.translationText ? h('blockquote', { class: 'rendering' }, h('span', { class: 'label' }, 'Translation: '), p.translationText) : null))));
}

/** Metadata changes beside text revisions, newest first: one history of the record. */
function historySection(doc, histories) {
  const list = h('div', { id: 'document-history' }, h('p', null, 'Loading history…'));
  loadHistory(doc, list, histories);
  return section('History', 'history', list);
}

async function loadHistory(doc, list, historiesLoad) {
  try {
    const [changes, histories] = await Promise.all([getJson(`/api/documents/${doc.id}/changes`), historiesLoad]);
    const entries = [
      ...changes.map((c) => ({ at: c.createdAt, kind: 'metadata', item: c })),
      ...histories.flatMap((revisions, i) => revisions.map((r) => ({ at: r.authoredAt, kind: 'text', item: r, translation: doc.translations[i] }))),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    if (entries.length === 0) {
      list.replaceChildren(h('p', null, 'No revisions or metadata changes yet.'));
      return;
    }
    list.replaceChildren(h('ol', { class: 'history' }, entries.map((e) => (e.kind === 'metadata' ? metadataEntry(e.item) : textEntry(e.item, e.translation)))));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    list.replaceChildren(errorBox(e));
  }
}

function metadataEntry(c) {
  return h('li', { class: 'metadata-change', 'data-change-id': String(c.id) },
    h('span', { class: 'badge' }, 'Metadata'), ' ', h('span', { class: 'badge' }, c.status), ' ',
    h('strong', null, c.summary),
    h('span', { class: 'muted' }, ` · ${c.author ?? 'unknown'} `, time(c.createdAt),
      c.reviewer ? ` · reviewed by ${c.reviewer}` : ''),
    h('table', { class: 'field-diff' },
      h('thead', null, h('tr', null, ['Field', 'Before', 'After'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, c.fields.map((f) => h('tr', null,
        h('th', { scope: 'row' }, f.field),
        h('td', null, h('del', null, fieldValue(f.before))),
        h('td', null, h('ins', null, fieldValue(f.after))))))));
}

function textEntry(r, t) {
  return h('li', { class: 'text-revision', 'data-revision-id': String(r.revisionId) },
    h('span', { class: 'badge' }, `Text · ${t.language} — ${t.translator ?? 'unknown'}`), ' ', h('span', { class: 'badge' }, r.status), ' ',
    h('a', { href: `#/revisions/${r.revisionId}` }, `#${r.number}`), ' ', h('strong', null, r.summary),
    h('span', { class: 'muted' }, ` · ${r.author ?? 'unknown'} `, time(r.authoredAt),
      r.importedBy ? ` · imported by ${r.importedBy}` : '', r.publishedWithoutReview ? ' · published without review' : ''));
}

/** A field's value in words: custody steps and lists one per line, objects by their parts. */
function fieldValue(v) {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? [x.holder, x.relation, x.place].filter(Boolean).join(', ') : String(x))).join(' | ') || '—';
  if (typeof v === 'object') return [v.name, v.code && `(${v.code})`].filter(Boolean).join(' ');
  return String(v);
}

function citationsSection(doc) {
  const list = h('div', { id: 'citation-list' }, h('p', null, 'Loading citations…'));
  const output = h('div', { id: 'citation-output', class: 'export-output', 'aria-live': 'polite' });
  const buttons = CITATION_STYLES.map((s) => h('button', {
    type: 'button', 'data-style': s.style,
    onclick: async () => {
      output.replaceChildren(h('p', null, `Loading ${s.label}…`));
      try {
        const { text, type } = await getText(`/api/documents/${doc.id}/citation${qs({ style: s.style })}`);
        output.replaceChildren(
          h('h3', null, `${s.label} citation`),
          h('pre', { class: 'export', tabindex: '0', 'aria-label': `${s.label} citation` }, text),
          h('p', { class: 'row-actions' },
            h('button', { type: 'button', onclick: () => copy(text, `${s.label} citation`) }, 'Copy'),
            downloadLink(text, type, `document-${doc.id}.${s.ext}`, `Download ${s.label}`)));
        announce(`${s.label} citation shown.`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        output.replaceChildren(errorBox(e));
      }
    },
  }, `Export ${s.label}`));

  loadCitations(doc, list);
  return section('Citations', 'citations',
    doc.citation ? [h('h3', null, 'As published'), h('blockquote', { class: 'citation' }, doc.citation)] : null,
    h('h3', null, 'Recorded citations'),
    list,
    h('h3', null, 'Export'),
    h('div', { class: 'button-row', role: 'group', 'aria-label': 'Export citation' }, buttons),
    output);
}

async function loadCitations(doc, list) {
  try {
    const citations = await getJson(`/api/documents/${doc.id}/citations`);
    const items = citations;
    if (items.length === 0) {
      list.replaceChildren(h('p', null, 'No citations recorded yet.'));
      return;
    }
    list.replaceChildren(h('ul', { class: 'citations' }, items.map((c) => h('li', { class: c.retracted ? 'retracted' : null },
      c.retracted ? h('span', { class: 'badge' }, '✗ Retracted') : null,
      h('span', { class: 'badge' }, c.kind), ' ',
      h('span', { class: 'citation-text' }, citationText(c)),
      c.url ? [' ', h('a', { href: c.url, rel: 'noopener noreferrer' }, 'link')] : null,
      h('span', { class: 'muted' },
        c.revisionId ? [' · for ', h('a', { href: `#/revisions/${c.revisionId}` }, `revision ${c.revisionNumber ?? c.revisionId}`)] : ' · whole document',
        ` · added by ${c.addedBy ?? 'the importer'} `, time(c.addedAt)),
      c.retracted ? h('div', { class: 'muted' }, `Retracted by ${c.retractedBy ?? 'unknown'} `, time(c.retractedAt),
        c.retractionReason ? `: ${c.retractionReason}` : '') : null))));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    list.replaceChildren(errorBox(e));
  }
}

/** A citation in one line: its own text, else the archival reference, publication or note it records. */
function citationText(c) {
  if (c.text) return c.text;
  const parts = [c.archive, c.collection, c.fond && `f. ${c.fond}`, c.opis && `op. ${c.opis}`, c.delo && `d. ${c.delo}`, c.locator,
    c.title, c.publisher, c.year, c.note];
  return parts.filter(Boolean).join(', ') || '(no details)';
}

function provenanceSection(doc) {
  const output = h('div', { 'aria-live': 'polite' });
  return section('Provenance', 'provenance',
    h('p', null, 'Who held the original, who translated and revised it, and every recorded change, in the W3C PROV model.'),
    h('div', { class: 'button-row' },
      h('button', {
        type: 'button', id: 'prov-json-download',
        onclick: async () => {
          try {
            const { text } = await getText(`/api/documents/${doc.id}/provenance${qs({ format: 'prov-json' })}`, 'application/json');
            const link = downloadLink(text, 'application/json', `document-${doc.id}.prov.json`, 'Save PROV-JSON');
            output.replaceChildren(h('p', null, 'Ready: ', link));
            link.click();
            announce('PROV-JSON downloaded.');
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            output.replaceChildren(errorBox(e));
          }
        },
      }, 'Download PROV-JSON'),
      h('a', { href: `#/documents/${doc.id}/compare`, class: 'button', hidden: doc.translations.length < 2 }, 'Compare translations')),
    output,
    h('p', { class: 'muted' }, `Document ${doc.id} · translations `,
      doc.translations.map((t, i) => [i ? ', ' : '', h('a', { href: `#/translations/${t.id}` }, `#${t.id}`)]),
      doc.translations.some((t) => t.currentRevisionId) ? '' : ' · no published revision'));
}

function downloadLink(text, type, filename, label) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  return h('a', { href: url, download: filename, class: 'button' }, label);
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    announce(`${what} copied.`);
  } catch {
    announce('Copying is not allowed here; select the text instead.');
  }
}
