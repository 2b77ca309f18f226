// The reviewer's form: approve or reject a proposed revision with a comment.

import { h } from '../dom.js';
import { auth, sendJson, ApiError } from '../api.js';
import { announce, errorBox, rerender } from '../shell.js';

export function statusBadge(status) {
  const symbols = { proposed: '●', approved: '✓', rejected: '✗', superseded: '↷' };
  return h('span', { class: `badge status-${status}` }, h('span', { 'aria-hidden': 'true' }, `${symbols[status] ?? ''} `), status);
}

/** The review box for one revision, or null when it is not waiting for review. */
export function reviewPanel(revision) {
  if (revision.status !== 'proposed') return null;
  const box = h('section', { class: 'card review', id: 'review', 'aria-labelledby': 'review-heading' },
    h('h2', { id: 'review-heading' }, `Review revision ${revision.number}`));
  if (!auth.me) {
    box.append(h('p', null, 'This revision waits for review. ',
      h('a', { href: `#/signin?return=${encodeURIComponent(location.hash)}` }, 'Sign in with a reviewer key'), ' to approve or reject it.'));
    return box;
  }
  if (!auth.has('reviewer')) {
    box.append(h('p', null, 'This revision waits for review by someone with the reviewer role.'));
    return box;
  }
  if (auth.me.contributorId === revision.authorId) {
    box.append(h('p', null, 'You wrote this revision; another reviewer has to review it.'));
    return box;
  }

  const comment = h('textarea', { id: 'review-comment', name: 'comment', rows: '3', 'aria-describedby': 'review-comment-hint' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'review-form' },
    h('div', { class: 'field' },
      h('label', { for: 'review-comment' }, 'Comment'),
      comment,
      h('small', { id: 'review-comment-hint', class: 'hint' }, 'Why you approve or reject it; the author and the audit trail see this.')),
    h('div', { class: 'button-row' },
      h('button', { type: 'submit', name: 'decision', value: 'approve', class: 'primary', id: 'approve' }, '✓ Approve'),
      h('button', { type: 'submit', name: 'decision', value: 'reject', class: 'danger', id: 'reject' }, '✗ Reject')),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const decision = e.submitter?.value ?? 'approve';
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      await sendJson('POST', `/api/revisions/${revision.id}/review`, { decision, comment: comment.value });
      const done = decision === 'approve' ? 'approved' : 'rejected';
      announce(`Revision ${revision.number} ${done}.`);
      rerender();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      result.replaceChildren(errorBox(err));
      for (const b of form.querySelectorAll('button')) b.disabled = false;
    }
  });
  box.append(form);
  return box;
}
