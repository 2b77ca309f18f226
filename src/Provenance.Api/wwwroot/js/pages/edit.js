// #/translations/{id}/edit — an editor submits a revision, with a live diff preview against the base.

import { h, append, debounce } from '../dom.js';
import { auth, getJson, sendJson, qs, ApiError } from '../api.js';
import { announce, errorBox } from '../shell.js';
import { renderInline, renderStats, legend } from '../diffview.js';
import { breadcrumbs, translationTitle } from './history.js';

export async function editPage(root, [id]) {
  const translation = await getJson(`/api/translations/${id}`);
  const { doc, name } = await translationTitle(translation);
  append(root, [breadcrumbs(doc, translation, 'Edit'), h('h1', null, `Edit the ${name}`)]);

  if (!auth.has('editor')) {
    root.append(h('p', null, 'Editing needs an editor key. ',
      h('a', { href: `#/signin?return=${encodeURIComponent(location.hash)}` }, 'Sign in'), ' first.'));
    return;
  }

  const baseId = translation.headRevisionId ?? translation.currentRevisionId;
  let base = await getJson(`/api/revisions/${baseId}`);

  const baseInfo = h('p', { id: 'base-info' });
  const describeBase = () => baseInfo.replaceChildren('Editing on top of ',
    h('a', { href: `#/revisions/${base.id}` }, `revision ${base.number}`), ` (${base.status}). `,
    'If someone else saves first, non-overlapping edits are merged for you; overlapping ones are shown as conflicts.');
  describeBase();

  const summary = h('input', {
    id: 'edit-summary', name: 'summary', type: 'text', required: true, maxlength: '500',
    'aria-describedby': 'edit-summary-hint',
  });
  const text = h('textarea', { id: 'edit-text', name: 'text', rows: '18', spellcheck: 'true' });
  text.value = base.text;
  const previewStats = h('div', { id: 'preview-stats', 'aria-live': 'polite' });
  const previewBody = h('div', { id: 'preview-diff', class: 'preview' }, h('p', { class: 'muted' }, 'Change the text to see the diff here.'));
  const outcome = h('div', { id: 'submit-outcome', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit-revision' }, 'Submit revision');

  const preview = debounce(async () => {
    if (text.value === base.text) {
      previewStats.replaceChildren(h('p', null, 'No changes yet.'));
      previewBody.replaceChildren();
      return;
    }
    try {
      const { body: diff } = await sendJson('POST', `/api/diff${qs({ granularity: 'word', view: 'inline' })}`, { left: base.text, right: text.value });
      previewStats.replaceChildren(renderStats(diff.stats, diff));
      previewBody.replaceChildren(legend(), renderInline(diff, { prefix: 'preview-' }));
      // Bring the first change into the pane's view, without moving the page or the caret.
      const pane = previewBody.closest('.preview-pane');
      const change = previewBody.querySelector('.op:not(.equal)');
      if (pane && change) pane.scrollTop = Math.max(0, change.offsetTop - pane.offsetTop - 120);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      previewBody.replaceChildren(errorBox(e));
    }
  }, 350);
  text.addEventListener('input', preview);

  const form = h('form', { class: 'edit-form', novalidate: true },
    baseInfo,
    h('div', { class: 'field' },
      h('label', { for: 'edit-summary' }, 'Edit summary'),
      summary,
      h('small', { id: 'edit-summary-hint', class: 'hint' }, 'What you changed and why, e.g. “Fix page-break artifact in paragraph 7”.')),
    h('div', { class: 'edit-grid' },
      h('div', { class: 'field' }, h('label', { for: 'edit-text' }, 'Text'), text),
      h('section', { class: 'preview-pane', 'aria-labelledby': 'preview-heading' },
        h('h2', { id: 'preview-heading' }, 'Preview of your changes'), previewStats, previewBody)),
    h('div', { class: 'button-row' }, submit),
    outcome);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    outcome.replaceChildren();
    if (!summary.value.trim()) {
      outcome.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Write an edit summary.'));
      summary.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { status, body } = await sendJson('POST', `/api/translations/${id}/revisions`,
        { baseRevisionId: base.id, text: text.value, summary: summary.value.trim() });
      outcome.replaceChildren(submitted(status, body, base));
      announce(status === 201 ? `Revision ${body.number} submitted.` : 'Identical to the newest revision; nothing saved.');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 409 && err.problem.conflicts) {
        outcome.replaceChildren(conflictBox(err.problem, base, async () => {
          base = await getJson(`/api/revisions/${err.problem.headRevisionId}`);
          describeBase();
          outcome.replaceChildren(h('p', { role: 'status' }, `Now editing on top of revision ${base.number}. Your text is kept; resolve the passages above and submit again.`));
          preview();
          text.focus();
        }));
        announce('Conflict: your edit overlaps a newer revision.');
      } else {
        outcome.replaceChildren(errorBox(err));
        announce(`Not submitted: ${err.message}`);
      }
    } finally {
      submit.disabled = false;
    }
  });
  root.append(form);
}

function submitted(status, body, base) {
  if (status === 200) {
    // The API answers 200 with the head when the text is the same as the head's.
    return h('div', { class: 'success', id: 'unchanged' }, h('p', null,
      'Your text is identical to ', h('a', { href: `#/revisions/${body.id}` }, `revision ${body.number}`), '; nothing was saved.'));
  }
  return h('div', { class: 'success', id: 'submitted' },
    h('h2', null, `Revision ${body.number} submitted`),
    h('p', null, body.merged
      ? `Someone saved a newer revision while you edited; your changes did not overlap theirs, so both were merged cleanly into revision ${body.number}.`
      : `Your revision is based on revision ${base.number} with no intervening changes.`),
    h('p', null, `Status: ${body.status}. `, body.status === 'proposed' ? 'A reviewer will approve or reject it.' : ''),
    h('p', { class: 'row-actions' },
      h('a', { href: `#/revisions/${body.id}`, class: 'button', id: 'view-submitted' }, 'View the revision'),
      h('a', { href: `#/revisions/${body.parentId ?? base.id}/diff/${body.id}`, class: 'button' }, 'See its diff')));
}

function conflictBox(problem, base, onRebase) {
  const conflicts = problem.conflicts ?? [];
  return h('div', { class: 'conflict', id: 'conflict', role: 'alert' },
    h('h2', null, 'Not saved: your edit conflicts with a newer revision'),
    h('p', null, `Since you started from revision ${base.number}, someone changed the same passage${conflicts.length === 1 ? '' : 's'}. `,
      `The newest revision is `, h('a', { href: `#/revisions/${problem.headRevisionId}` }, `revision ${problem.headRevisionId}`), '. ',
      'For each passage below, decide what the text should say, then continue on top of the newest revision.'),
    h('ol', { class: 'conflicts' }, conflicts.map((c) => h('li', null,
      h('h3', null, `Lines ${c.baseStartLine}–${c.baseStartLine + Math.max(c.baseLineCount, 1) - 1} of revision ${base.number}`),
      h('div', { class: 'conflict-grid' },
        h('figure', null, h('figcaption', null, 'Originally'), h('pre', null, c.baseText || '(nothing)')),
        h('figure', null, h('figcaption', null, 'Now, in the newest revision'), h('pre', null, c.headText || '(deleted)')),
        h('figure', null, h('figcaption', null, 'Yours'), h('pre', null, c.submittedText || '(deleted)')))))),
    h('button', { type: 'button', class: 'primary', id: 'rebase', onclick: onRebase }, 'Continue on top of the newest revision'));
}
