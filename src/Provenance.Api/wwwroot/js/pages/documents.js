// #/documents — search and filter the documents.

import { h, append } from '../dom.js';
import { getJson, qs, ApiError } from '../api.js';
import { announce, errorBox } from '../shell.js';

const FILTERS = [
  { name: 'q', label: 'Text', type: 'search', hint: 'Words from the title, summary or translation (English or Russian).' },
  { name: 'archive', label: 'Archive', type: 'text', hint: 'Code or name, e.g. AVP RF.' },
  { name: 'translator', label: 'Translator', type: 'text', hint: 'Part of a name.' },
  { name: 'language', label: 'Language', type: 'text', hint: 'BCP 47 tag, e.g. ru or en.' },
  { name: 'from', label: 'From date', type: 'text', hint: 'yyyy, yyyy-mm or yyyy-mm-dd', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' },
  { name: 'to', label: 'To date', type: 'text', hint: 'yyyy, yyyy-mm or yyyy-mm-dd', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' },
];
const PAGE_SIZE = 20;

export async function documentsPage(root, _params, query) {
  const values = Object.fromEntries(FILTERS.map((f) => [f.name, query.get(f.name) ?? '']));
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find documents' },
    FILTERS.map((f) => h('div', { class: 'field' },
      h('label', { for: `filter-${f.name}` }, f.label),
      h('input', {
        id: `filter-${f.name}`, name: f.name, type: f.type, value: values[f.name],
        pattern: f.pattern, 'aria-describedby': `filter-${f.name}-hint`, autocomplete: 'off',
      }),
      h('small', { id: `filter-${f.name}-hint`, class: 'hint' }, f.hint))),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
      h('a', { href: '#/documents', class: 'button' }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    location.hash = `#/documents${qs(data)}`;
  });

  append(root, [h('h1', null, 'Documents'), form]);
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-heading' });
  root.append(results);

  let list;
  try {
    list = await getJson(`/api/documents${qs({ ...values, page, pageSize: PAGE_SIZE })}`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    append(results, [h('h2', { id: 'results-heading' }, 'No results'), errorBox(e)]);
    return;
  }

  const filtered = FILTERS.some((f) => values[f.name]);
  const countText = `${list.total} ${list.total === 1 ? 'document' : 'documents'}${filtered ? ' match' : ''}`;
  append(results, [h('h2', { id: 'results-heading' }, 'Results'), h('p', { class: 'count', id: 'result-count' }, countText)]);
  announce(countText);
  if (list.items.length === 0) {
    results.append(h('p', null, 'Nothing matches these filters.'));
    return;
  }

  results.append(h('div', { class: 'table-wrap' }, h('table', { class: 'documents' },
    h('caption', { class: 'sr-only' }, 'Documents'),
    h('thead', null, h('tr', null, ['Title', 'Date', 'Archive', 'Translators', 'Language'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, list.items.map((d) => h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: `#/documents/${d.id}` }, d.title)),
      h('td', null, d.date ? h('time', { datetime: d.date }, d.dateText ?? d.date) : (d.dateText ?? '—')),
      h('td', null, d.archive ? h('abbr', { title: d.archive.name }, d.archive.code) : '—'),
      h('td', null, d.translators.join(', ') || '—'),
      h('td', null, d.originalLanguage ?? '—')))))));

  const pages = Math.ceil(list.total / list.pageSize);
  if (pages > 1) {
    const link = (p, text) => h('a', { href: `#/documents${qs({ ...values, page: p })}` }, text);
    results.append(h('nav', { class: 'pager', 'aria-label': 'Pages' },
      page > 1 ? link(page - 1, '← Previous') : null,
      h('span', null, `Page ${page} of ${pages}`),
      page < pages ? link(page + 1, 'Next →') : null));
  }
}
