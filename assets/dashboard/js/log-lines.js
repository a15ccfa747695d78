// @ts-check
/* global setTimeout */
// A build log's lines, fetched in pages of 500 as the view needs them and kept for a while (at
// most 40 pages, the ones farthest from what is shown go first), so a log of any length costs
// the browser only what is on screen and around it. A page is parsed for colours once, starting
// in the style the page before it ended in when that one is at hand.
import { read } from './api.js';
import { parseAnsi } from './ansi.js';
import { path } from './dom.js';

/** @typedef {{ seq: number, time: number, segments: import('./ansi.js').Segment[] }} Line */

export const PAGE = 500;
const KEPT = 40;
const FETCH_DELAY_MS = 40;

export class LogLines {
  /** @param {string} buildId @param {() => void} loaded called when lines arrived */
  constructor(buildId, loaded) {
    this.buildId = buildId;
    this.loaded = loaded;
    this.count = 0;
    /** @type {Map<number, { lines: Line[], endStyle: import('./ansi.js').Style }>} */
    this.pages = new Map();
    /** @type {Set<number>} */
    this.fetching = new Set();
    /** @type {[number, number]} */
    this.wanted = [1, 1];
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }

  /** The line at position `seq` (from 1), if fetched. @param {number} seq */
  line(seq) {
    return this.pages.get(Math.floor((seq - 1) / PAGE))?.lines[(seq - 1) % PAGE];
  }

  /** Asks for the lines from `first` to `last`; they are fetched shortly, unless other lines are asked for first. @param {number} first @param {number} last */
  want(first, last) {
    this.wanted = [first, Math.min(last, this.count)];
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const [from, to] = this.wanted;
      for (let page = Math.floor((from - 1) / PAGE); page <= Math.floor((to - 1) / PAGE); page += 1)
        if (this.stale(page)) this.fetch(page).catch(() => undefined);
    }, FETCH_DELAY_MS);
  }

  /** Whether a page is missing or has fewer lines than the log now has there. @param {number} page */
  stale(page) {
    if (this.fetching.has(page) || page < 0 || page * PAGE >= this.count) return false;
    const held = this.pages.get(page);
    return !held || held.lines.length < Math.min(PAGE, this.count - page * PAGE);
  }

  /** @param {number} page */
  async fetch(page) {
    this.fetching.add(page);
    try {
      const { lines } = await read(`${path('builds', this.buildId)}/log?after=${page * PAGE}&limit=${PAGE}`);
      let style = this.pages.get(page - 1)?.endStyle ?? {};
      /** @type {Line[]} */
      const parsed = lines.map((/** @type {[number, number, string]} */ [seq, time, message]) => {
        const result = parseAnsi(message, style);
        style = result.style;
        return { seq, time, segments: result.segments };
      });
      this.pages.set(page, { lines: parsed, endStyle: style });
      this.forgetFar(page);
      this.loaded();
    } finally {
      this.fetching.delete(page);
    }
  }

  /** Keeps at most KEPT pages: those nearest `page`. @param {number} page */
  forgetFar(page) {
    if (this.pages.size <= KEPT) return;
    const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const old of far.slice(0, this.pages.size - KEPT)) this.pages.delete(old);
  }
}
