// Building DOM nodes without innerHTML: every string becomes a text node, so API text can never become markup.

/**
 * h('a', {href: '#/x', class: 'btn'}, 'text', child, [more, children])
 * Attributes: `class`, `for`, data-*, aria-*, booleans (true → present, false/null → absent);
 * `on<event>` functions become listeners; `dataset` and `props` objects are assigned.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'props') {
      Object.assign(el, value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Text for screen readers only. */
export const srOnly = (text) => h('span', { class: 'sr-only' }, text);

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export const shortHash = (sha) => (sha ? sha.slice(0, 12) : '');

/** A <time> element for an ISO timestamp. */
export const time = (iso) => h('time', { datetime: iso }, formatDate(iso));

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Moves focus to an element (made focusable if needed) and scrolls it into view. */
export function focusElement(el) {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
    el.setAttribute('tabindex', '-1');
  }
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

/** A link to an element on the same page that does not disturb the #/route. */
export function jumpLink(targetId, ...children) {
  return h('a', {
    href: `#${targetId}`,
    class: 'jump',
    onclick: (e) => {
      e.preventDefault();
      focusElement(document.getElementById(targetId));
    },
  }, ...children);
}

/**
 * A similarity ratio (0…1) as a percentage that never rounds to a lie: 100% only when identical,
 * 0% only when nothing is shared (a one-word change in a long text is "> 99.9%", not "100%").
 */
export function formatSimilarity(ratio, decimals = 1) {
  const r = ratio ?? 0;
  if (r >= 1) return '100%';
  if (r <= 0) return '0%';
  const step = 10 ** -decimals;
  const pct = Math.round(r * 100 * 10 ** decimals) / 10 ** decimals;
  if (pct >= 100) return `> ${(100 - step).toFixed(decimals)}%`;
  if (pct <= 0) return `< ${step.toFixed(decimals)}%`;
  return `${pct.toFixed(decimals)}%`;
}
