// @ts-check
// Tables as the views list things: a caption (visually hidden when the heading says it), column
// headers, and a row per item; an empty list says so in words.
import { h } from './dom.js';

/**
 * @template T
 * @param {{ caption: string, columns: [string, (item: T) => Node | string | number | null | undefined][], items: T[], empty: string,
 *   rowKey?: (item: T) => string, hiddenCaption?: boolean }} table
 * @returns {HTMLElement}
 */
export function table({ caption, columns, items, empty, rowKey, hiddenCaption = true }) {
  if (items.length === 0) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: hiddenCaption ? 'visually-hidden' : undefined }, caption),
    h('thead', {}, h('tr', {}, columns.map(([title]) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, items.map((item) => h('tr', { 'data-row': rowKey?.(item) }, columns.map(([, cell]) => h('td', {}, cell(item) ?? ''))))),
  ));
}

/**
 * A list of names and values (a description list).
 * @param {[string, Node | string | number | null | undefined][]} pairs
 */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([name, value]) => h('div', {}, h('dt', {}, name), h('dd', {}, value))));
}
