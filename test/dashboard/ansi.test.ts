// ANSI colours in build logs as the log view reads them (assets/dashboard/js/ansi.js): SGR
// styles and colours (16, 256 and 24-bit), styles carried from line to line until a reset,
// other escape sequences left out, and a carriage return keeping what was written after it.
import { describe, expect, it } from 'vitest';

type Style = Record<string, unknown>;
type Parse = (line: string, style: Style) => { segments: { text: string; style: Style }[]; style: Style };
// The browser module, loaded as the browser loads it (plain JavaScript, no declaration file).
const ANSI_MODULE = '../../assets/dashboard/js/ansi.js';
const { parseAnsi } = (await import(ANSI_MODULE)) as { parseAnsi: Parse };

describe('parseAnsi', () => {
  it('splits a line into runs of text with their styles', () => {
    expect(parseAnsi('\x1b[1;31mred bold\x1b[0m plain \x1b[4;94munderlined bright blue\x1b[24m', {}).segments).toEqual([
      { text: 'red bold', style: { bold: true, fg: 1 } },
      { text: ' plain ', style: {} },
      { text: 'underlined bright blue', style: { underline: true, fg: 12 } },
    ]);
  });

  it('reads the 256-colour palette and 24-bit colours, for text and background', () => {
    const { segments } = parseAnsi('\x1b[38;5;2ma\x1b[38;5;208mb\x1b[48;5;244mc\x1b[38;2;1;2;3md\x1b[39;49me', {});
    expect(segments.map((segment) => segment.style)).toEqual([
      { fg: 2 }, { fg: 'rgb(255,135,0)' }, { fg: 'rgb(255,135,0)', bg: 'rgb(128,128,128)' }, { fg: 'rgb(1,2,3)', bg: 'rgb(128,128,128)' }, {},
    ]);
  });

  it('carries a style to the next line until a reset, as a terminal does', () => {
    const first = parseAnsi('\x1b[32mgreen starts', {});
    const second = parseAnsi('still green\x1b[m then plain', first.style);
    expect(second.segments).toEqual([{ text: 'still green', style: { fg: 2 } }, { text: ' then plain', style: {} }]);
    expect(second.style).toEqual({});
  });

  it('leaves out other escape sequences and keeps what a carriage return left on the line', () => {
    expect(parseAnsi('\x1b[2K\x1b[1Gdone\x1b]0;title\x07!', {}).segments).toEqual([{ text: 'done', style: {} }, { text: '!', style: {} }]);
    expect(parseAnsi('10%\r50%\r100%\r', {}).segments).toEqual([{ text: '100%', style: {} }]);
  });
});
