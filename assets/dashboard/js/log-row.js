// @ts-check
// One line of a build log on screen: its number (not selected with the text) and its text in its
// colours; a line still being fetched shows as an ellipsis.
import { h } from './dom.js';

/**
 * The element of line `seq`, from its fetched line if there is one.
 * @param {number} seq @param {import('./log-lines.js').Line | undefined} line
 */
export function logRow(seq, line) {
  if (!line) return h('div', { class: 'log-line pending', 'data-line': seq }, h('span', { class: 'ln' }, seq), h('span', { class: 'tx' }, '…'));
  return h('div', { class: 'log-line', 'data-line': seq }, h('span', { class: 'ln' }, seq), h('span', { class: 'tx' }, line.segments.map(segment)));
}

/** A run of text in its style: the 16 colours as classes (themeable), others as CSS colours. @param {import('./ansi.js').Segment} part */
function segment({ text, style }) {
  const [fg, bg] = style.inverse ? [style.bg ?? 'default-bg', style.fg ?? 'default-fg'] : [style.fg, style.bg];
  const classes = [style.bold && 'b', style.dim && 'dim', style.italic && 'i', style.underline && 'u', typeof fg === 'number' && `fg${fg}`, typeof bg === 'number' && `bg${bg}`, fg === 'default-bg' && 'fg-inverse', bg === 'default-fg' && 'bg-inverse'].filter(Boolean);
  if (classes.length === 0 && fg === undefined && bg === undefined) return text;
  const span = h('span', { class: classes.join(' ') || undefined }, text);
  if (typeof fg === 'string' && fg.startsWith('rgb')) span.style.color = fg;
  if (typeof bg === 'string' && bg.startsWith('rgb')) span.style.backgroundColor = bg;
  return span;
}
