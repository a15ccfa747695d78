// @ts-check
/* global ResizeObserver */
// The build log on screen, virtualised: only the lines in view (and a few around them) are in
// the page, each at a fixed height, so a log of millions of lines scrolls as a short one does.
// A log taller than a browser lets an element be is scrolled through proportionally. It follows
// the tail while the build runs: the end stays in view as lines arrive, until the reader scrolls
// up; scrolling back to the end follows again.
import { h } from './dom.js';
import { LogLines } from './log-lines.js';
import { logRow } from './log-row.js';

export const LINE_HEIGHT = 18;
/** The tallest the scrolled area is made (browsers cap element heights near 33 million pixels). */
const MAX_HEIGHT = 8_000_000;
const AROUND = 20;

export class LogView {
  /** @param {string} buildId @param {(follow: boolean) => void} followChanged */
  constructor(buildId, followChanged) {
    this.lines = new LogLines(buildId, () => this.draw());
    this.followChanged = followChanged;
    this.follow = true;
    this.spacer = h('div', { class: 'log-spacer' });
    this.layer = h('div', { class: 'log-layer' });
    this.element = h('div', { class: 'log-viewport', tabindex: '0', role: 'region', 'aria-label': 'Build log' }, this.spacer, this.layer);
    this.element.addEventListener('scroll', () => this.scrolled());
    new ResizeObserver(() => (this.follow ? this.scrollTo(this.element.scrollHeight) : this.draw())).observe(this.element);
  }

  /** The log has `count` lines now. @param {number} count */
  setCount(count) {
    this.lines.count = count;
    this.element.setAttribute('aria-label', `Build log, ${count} lines`);
    this.layer.style.setProperty('--digits', `${String(count).length}ch`);
    this.draw();
    if (this.follow) this.scrollTo(this.element.scrollHeight);
  }

  /** Turns following the tail on or off. @param {boolean} follow */
  setFollow(follow) {
    if (follow !== this.follow) this.followChanged(follow);
    this.follow = follow;
    if (follow) this.scrollTo(this.element.scrollHeight);
  }

  /** Shows line `seq` at the top. @param {number} seq */
  showLine(seq) {
    this.setFollow(false);
    const { scaled, visible, maxScroll } = this.geometry();
    this.scrollTo(scaled ? ((seq - 1) / Math.max(1, this.lines.count - visible)) * maxScroll : (seq - 1) * LINE_HEIGHT);
  }

  /** @param {number} top */
  scrollTo(top) {
    this.element.scrollTop = top;
    this.draw();
  }

  /** Scrolling up stops following the tail; scrolling to the end follows it again. */
  scrolled() {
    const atEnd = this.element.scrollTop >= this.geometry().maxScroll - 2;
    if (atEnd !== this.follow) this.setFollow(atEnd);
    this.draw();
  }

  geometry() {
    const total = this.lines.count * LINE_HEIGHT;
    const height = Math.min(total, MAX_HEIGHT);
    const visible = Math.ceil(this.element.clientHeight / LINE_HEIGHT) + 1;
    return { scaled: total > MAX_HEIGHT, height, visible, maxScroll: Math.max(0, height - this.element.clientHeight) };
  }

  /** Puts the lines in view into the page. */
  draw() {
    const { scaled, height, visible, maxScroll } = this.geometry();
    this.spacer.style.height = `${height}px`;
    const count = this.lines.count;
    const top = this.element.scrollTop;
    const first = scaled ? Math.round((top / Math.max(1, maxScroll)) * Math.max(0, count - visible)) : Math.floor(top / LINE_HEIGHT);
    const from = Math.max(1, first + 1 - (scaled ? 0 : AROUND));
    const to = Math.min(count, first + visible + (scaled ? 0 : AROUND));
    this.layer.style.transform = `translateY(${scaled ? top : (from - 1) * LINE_HEIGHT}px)`;
    this.lines.want(from, to);
    const rows = [];
    for (let seq = from; seq <= to; seq += 1) rows.push(logRow(seq, this.lines.line(seq)));
    this.layer.replaceChildren(...rows);
  }

}
