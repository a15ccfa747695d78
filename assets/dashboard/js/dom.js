// @ts-check
/* global document, HTMLElement, CSS */
// Building the page node by node (the content security policy allows no markup from strings:
// every value is text), and the formats the views share: times, durations, sizes, commits.

/**
 * An element with attributes (`class`, `aria-*`, `data-*`, ...; `on<event>` adds a listener) and children (text or nodes).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node | string | number | null | undefined | false | (Node | string | null | undefined | false)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/**
 * Replaces a container's content, keeping the keyboard focus on the element with the same `data-key` if it is still there.
 * @param {HTMLElement} container
 * @param {...Node} nodes
 */
export function replaceContent(container, ...nodes) {
  const focused = document.activeElement instanceof HTMLElement && container.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
  container.replaceChildren(...nodes);
  if (focused) /** @type {HTMLElement | null} */ (container.querySelector(`[data-key="${CSS.escape(focused)}"]`))?.focus();
}

/** @param {string | number | undefined} time @returns {string} */
export function dateTime(time) {
  if (time === undefined) return '';
  const date = new Date(time);
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${date.toLocaleTimeString(undefined, { hour12: false })}`;
}

/** A time relative to now ("12 s ago"), with the full time for its title. @param {string | number} time */
export function ago(time) {
  const seconds = Math.max(0, Math.round((Date.now() - new Date(time).getTime()) / 1000));
  const text = seconds < 60 ? `${seconds} s ago` : seconds < 3600 ? `${Math.floor(seconds / 60)} min ago` : seconds < 86400 ? `${Math.floor(seconds / 3600)} h ago` : dateTime(time);
  return h('time', { datetime: new Date(time).toISOString(), title: new Date(time).toISOString() }, text);
}

/** @param {number} ms @returns {string} */
export function duration(ms) {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
}

/** @param {number} bytes @returns {string} */
export function size(bytes) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A commit id shortened as Git shows it, the full id in its title. @param {string} revision */
export function commit(revision) {
  return h('code', { class: 'revision', title: revision }, revision.slice(0, 7));
}

/** A path inside the dashboard for a name (one path segment, percent-encoded). @param {...string} parts */
export function path(...parts) {
  return `/${parts.map((part, index) => (index === 0 ? part : encodeURIComponent(part))).join('/')}`;
}
