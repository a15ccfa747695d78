// @ts-check
// ANSI colours in build logs (ECMA-48 "Select Graphic Rendition"): bold, dim, italic, underline,
// inverse, the 16 colours, the 256-colour palette and 24-bit colours, for text and background.
// A style set on one line holds on the next, as in a terminal, until a reset. Other escape
// sequences (cursor moves, erasing, window titles) are left out; a carriage return keeps what
// was written after it, as a terminal shows a progress line.

/** @typedef {{ bold?: boolean, dim?: boolean, italic?: boolean, underline?: boolean, inverse?: boolean, fg?: number | string, bg?: number | string }} Style */
/** @typedef {{ text: string, style: Style }} Segment */

// eslint-disable-next-line no-control-regex -- escape sequences are what this file reads
const ESCAPES = /\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[()#][0-9A-Za-z]|\x1b[@-_]/g;

/** A colour of the 256-colour palette: an index of the 16 named ones, or an rgb() colour. @param {number} n */
function paletteColour(n) {
  if (n < 16) return n;
  if (n >= 232) {
    const grey = 8 + (n - 232) * 10;
    return `rgb(${grey},${grey},${grey})`;
  }
  const cube = n - 16;
  const level = (/** @type {number} */ v) => (v === 0 ? 0 : 55 + v * 40);
  return `rgb(${level(Math.floor(cube / 36))},${level(Math.floor(cube / 6) % 6)},${level(cube % 6)})`;
}

/** Applies one SGR sequence's parameters to a style. @param {Style} style @param {number[]} codes @returns {Style} */
function apply(style, codes) {
  const next = { ...style };
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i] ?? 0;
    if (code === 0) for (const key of Object.keys(next)) delete next[/** @type {keyof Style} */ (key)];
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    }
    else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 39) delete next.fg;
    else if (code === 49) delete next.bg;
    else if ((code === 38 || code === 48) && codes[i + 1] === 5) {
      next[code === 38 ? 'fg' : 'bg'] = paletteColour(codes[i + 2] ?? 0);
      i += 2;
    } else if ((code === 38 || code === 48) && codes[i + 1] === 2) {
      next[code === 38 ? 'fg' : 'bg'] = `rgb(${codes[i + 2] ?? 0},${codes[i + 3] ?? 0},${codes[i + 4] ?? 0})`;
      i += 4;
    }
  }
  return next;
}

/**
 * One line's segments, starting in `style` (the style the previous line ended in); returns the style it ends in.
 * @param {string} line @param {Style} style
 * @returns {{ segments: Segment[], style: Style }}
 */
export function parseAnsi(line, style) {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  const shown = trimmed.includes('\r') ? trimmed.slice(trimmed.lastIndexOf('\r') + 1) : trimmed;
  /** @type {Segment[]} */
  const segments = [];
  let current = style;
  let at = 0;
  for (const match of shown.matchAll(ESCAPES)) {
    if (match.index > at) segments.push({ text: shown.slice(at, match.index), style: current });
    if (match[2] === 'm') current = apply(current, (match[1] || '0').split(/[;:]/).map((part) => Number(part) || 0));
    at = match.index + match[0].length;
  }
  if (at < shown.length) segments.push({ text: shown.slice(at), style: current });
  return { segments, style: current };
}
