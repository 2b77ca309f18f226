// Rendering the API's diff JSON: side by side (rows) or inline (operations), with stats.
// Meaning never rests on colour alone: insertions are <ins> with a "+" and an underline, deletions <del>
// with a "−" and a strike-through, moves carry "moved to/from ¶N" labels, editorial marks a dotted frame.

import { h, jumpLink, formatSimilarity } from './dom.js';

const COLLAPSE_AFTER = 6; // unchanged rows shown in full up to this many
const CONTEXT = 2; // unchanged rows kept around changes when a run is collapsed

export function spanNode(span) {
  const editorial = span.editorial;
  if (span.kind !== 'equal' && !span.text.trim()) {
    // A changed space: marked, but without the +/− sign that would read as a word of its own.
    return h(span.kind === 'inserted' ? 'ins' : 'del', { class: 'ws', title: span.kind === 'inserted' ? 'inserted space' : 'deleted space' }, span.text);
  }
  if (span.kind === 'inserted') {
    return h('ins', { class: editorial ? 'editorial' : null, title: editorial ? 'editorial insertion (added)' : 'inserted' }, span.text);
  }
  if (span.kind === 'deleted') {
    return h('del', { class: editorial ? 'editorial' : null, title: editorial ? 'editorial insertion (removed)' : 'deleted' }, span.text);
  }
  return editorial ? h('span', { class: 'editorial', title: 'editorial insertion' }, span.text) : document.createTextNode(span.text);
}

function cellContent(cell, rowKind, side) {
  if (cell.spans?.length) return cell.spans.map(spanNode);
  if (rowKind === 'inserted' && side === 'right') return h('ins', { title: 'inserted' }, cell.text);
  if (rowKind === 'deleted' && side === 'left') return h('del', { title: 'deleted' }, cell.text);
  return cell.text;
}

/** For each move id, the line where each end starts: {from: leftLine, to: rightLine}. */
function moveEnds(diff) {
  const ends = new Map();
  for (const op of diff.operations) {
    if (op.moveId === undefined || op.moveId === null) continue;
    const end = ends.get(op.moveId) ?? {};
    if (op.direction === 'from') end.from = op.leftStart;
    if (op.direction === 'to') end.to = op.rightStart;
    ends.set(op.moveId, end);
  }
  return ends;
}

function moveLabel(prefix, moveId, direction, ends) {
  const end = ends.get(moveId) ?? {};
  const other = direction === 'from' ? 'to' : 'from';
  const line = end[other];
  return h('span', { class: 'move-label' },
    h('span', { 'aria-hidden': 'true' }, direction === 'from' ? '⇣ ' : '⇡ '),
    jumpLink(`${prefix}move-${moveId}-${other}`, `moved ${other} ¶${line ?? '?'}`));
}

export function renderSideBySide(diff, { prefix = '', leftLabel = 'Before', rightLabel = 'After' } = {}) {
  const ends = moveEnds(diff);
  const seenMoveEnds = new Set();
  const body = h('tbody');
  const rows = diff.rows;

  const rowNode = (row) => {
    const tr = h('tr', { class: `row-${row.kind}` });
    let label = null;
    if (row.moveId !== undefined && row.moveId !== null) {
      const key = `${row.moveId}-${row.direction}`;
      if (!seenMoveEnds.has(key)) {
        seenMoveEnds.add(key);
        tr.id = `${prefix}move-${key}`;
        label = moveLabel(prefix, row.moveId, row.direction, ends);
      }
    }
    const cell = (c, side) => [
      h('td', { class: 'ln' }, c ? String(c.line) : ''),
      h('td', { class: `cell ${side}${c ? '' : ' empty'}`, 'data-line': c ? String(c.line) : null },
        side === (row.direction === 'to' ? 'right' : 'left') ? label : null,
        c ? cellContent(c, row.kind, side) : h('span', { class: 'sr-only' }, 'no line')),
    ];
    tr.append(...cell(row.left, 'left'), ...cell(row.right, 'right'));
    return tr;
  };

  // Long unchanged runs collapse to a button that shows them.
  let i = 0;
  while (i < rows.length) {
    if (rows[i].kind !== 'equal') {
      body.append(rowNode(rows[i]));
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j].kind === 'equal') j++;
    const run = rows.slice(i, j);
    const keepStart = i === 0 ? 0 : CONTEXT;
    const keepEnd = j === rows.length ? 0 : CONTEXT;
    if (run.length <= COLLAPSE_AFTER || run.length <= keepStart + keepEnd + 1) {
      run.forEach((r) => body.append(rowNode(r)));
    } else {
      run.slice(0, keepStart).forEach((r) => body.append(rowNode(r)));
      const hidden = run.slice(keepStart, run.length - keepEnd);
      const expander = h('tr', { class: 'row-collapsed' }, h('td', { colspan: '4' },
        h('button', {
          type: 'button', class: 'link-button',
          onclick: () => {
            const nodes = hidden.map(rowNode);
            expander.replaceWith(...nodes);
            nodes[0]?.querySelector('td.cell')?.setAttribute('tabindex', '-1');
            nodes[0]?.querySelector('td.cell')?.focus();
          },
        }, `Show ${hidden.length} unchanged lines`)));
      body.append(expander);
      run.slice(run.length - keepEnd).forEach((r) => body.append(rowNode(r)));
    }
    i = j;
  }

  return h('div', { class: 'table-wrap' }, h('table', { class: 'diff side-by-side' },
    h('caption', { class: 'sr-only' }, `Side-by-side diff: ${leftLabel} on the left, ${rightLabel} on the right`),
    h('colgroup', null, h('col', { class: 'ln-col' }), h('col'), h('col', { class: 'ln-col' }), h('col')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Line'), '¶'), h('th', { scope: 'col' }, leftLabel),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Line'), '¶'), h('th', { scope: 'col' }, rightLabel))),
    body));
}

export function renderInline(diff, { prefix = '' } = {}) {
  const ends = moveEnds(diff);
  const root = h('div', { class: 'diff inline' });
  const ops = diff.operations;
  ops.forEach((op, index) => {
    // New-text numbering, except where only the old text has the lines.
    const old = op.kind === 'deleted' || op.direction === 'from';
    const gutter = h('span', { class: 'ln', 'aria-hidden': 'true', title: old ? 'line in the old text' : null },
      old ? `old ¶${op.leftStart}` : `¶${op.rightStart}`);
    if (op.kind === 'equal') {
      // Long unchanged stretches fold away, keeping a little context next to each change.
      const lines = op.rightText.split('\n');
      if (lines.at(-1) === '') lines.pop();
      const head = index > 0 ? CONTEXT : 0;
      const tail = index < ops.length - 1 ? CONTEXT : 0;
      if (lines.length <= COLLAPSE_AFTER || lines.length <= head + tail + 1) {
        root.append(h('div', { class: 'op equal' }, gutter, h('div', { class: 'op-text' }, op.rightText)));
        return;
      }
      const first = op.rightStart + head;
      const last = op.rightStart + lines.length - tail - 1;
      if (head) root.append(h('div', { class: 'op equal' }, gutter, h('div', { class: 'op-text' }, lines.slice(0, head).join('\n'))));
      root.append(h('details', { class: 'op equal' },
        h('summary', null, `${last - first + 1} unchanged lines (¶${first}–¶${last})`),
        h('div', { class: 'op-text' }, lines.slice(head, lines.length - tail).join('\n'))));
      if (tail) {
        root.append(h('div', { class: 'op equal' }, h('span', { class: 'ln', 'aria-hidden': 'true' }, `¶${last + 1}`),
          h('div', { class: 'op-text' }, lines.slice(lines.length - tail).join('\n'))));
      }
      return;
    }
    const block = h('div', { class: `op ${op.kind}` }, gutter);
    if (op.kind === 'moved') {
      block.id = `${prefix}move-${op.moveId}-${op.direction}`;
      block.append(moveLabel(prefix, op.moveId, op.direction, ends));
    }
    let content;
    if (op.spans?.length) content = op.spans.map(spanNode);
    else if (op.kind === 'inserted') content = h('ins', { title: 'inserted' }, op.rightText);
    else if (op.kind === 'deleted') content = h('del', { title: 'deleted' }, op.leftText);
    else content = op.direction === 'from' ? op.leftText : op.rightText;
    block.append(h('div', { class: 'op-text' }, content));
    root.append(block);
  });
  return root;
}

export function renderStats(stats, diff) {
  const pct = formatSimilarity(stats.similarity);
  const items = [
    ['Words inserted', `+${stats.wordsInserted}`],
    ['Words deleted', `−${stats.wordsDeleted}`],
    ['Words moved', String(stats.wordsMoved)],
    ['Words unchanged', String(stats.wordsUnchanged)],
    ['Lines inserted', `+${stats.linesInserted}`],
    ['Lines deleted', `−${stats.linesDeleted}`],
    ['Editorial changes', String(stats.editorialChanges)],
    ['Similarity', pct],
  ];
  return h('div', { class: 'stats-box' },
    h('dl', { class: 'stats' }, items.map(([t, d]) => h('div', null, h('dt', null, t), h('dd', null, d)))),
    diff?.bounded ? h('p', { class: 'note' }, `Part of this diff is coarser than exact: ${diff.boundedReason ?? 'the texts are large'}.`) : null);
}

export function legend() {
  return h('p', { class: 'legend' },
    h('ins', null, 'inserted'), ' ', h('del', null, 'deleted'), ' ',
    h('span', { class: 'editorial', title: 'editorial insertion' }, '[editorial]'), ' ',
    h('span', { class: 'move-label' }, 'moved to/from ¶N'));
}

/** A side-by-side / inline switch (aria-pressed buttons) over a container it fills. */
export function diffViewer(diff, { mode = 'side', prefix = '', leftLabel, rightLabel, onModeChange } = {}) {
  const container = h('div', { class: 'diff-container' });
  const buttons = {};
  const show = (m, initial = false) => {
    mode = m;
    for (const [name, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(name === m));
    container.replaceChildren(m === 'inline' ? renderInline(diff, { prefix }) : renderSideBySide(diff, { prefix, leftLabel, rightLabel }));
    if (!initial) onModeChange?.(m);
  };
  buttons.side = h('button', { type: 'button', id: `${prefix}view-side`, onclick: () => show('side') }, 'Side by side');
  buttons.inline = h('button', { type: 'button', id: `${prefix}view-inline`, onclick: () => show('inline') }, 'Inline');
  const toolbar = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Diff layout' }, buttons.side, buttons.inline);
  show(mode, true);
  return h('div', { class: 'diff-viewer' }, toolbar, legend(), renderStats(diff.stats, diff), container);
}
