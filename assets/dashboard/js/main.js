// @ts-check
/* global document, location, history, Element, URL, window */
// The dashboard's page: finds the view the address names, shows it, and shows it again when a
// live notice concerns it. Links inside the dashboard change the view without loading the page
// again; the address is always the view's own, so it can be bookmarked, reloaded or shared.
import { read } from './api.js';
import { h, replaceContent } from './dom.js';
import { onNotices, startLive } from './live.js';
import { ROUTES } from './routes.js';

/** @typedef {import('./live.js').Notice} Notice */
/** @typedef {{ wants?: (notice: Notice) => boolean, render: () => Promise<Node[]>, close?: () => void }} View */
/** @typedef {{ overview: any, navigate: (to: string) => void, refresh: () => void, title: (text: string) => void }} App */

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
/** @type {View | undefined} */
let view;
let rendering = Promise.resolve();
let again = false;

/** Shows the current view's content; a render asked for while one runs runs once after it. */
function render() {
  const current = view;
  again = true;
  rendering = rendering.then(async () => {
    if (!again || current !== view || !current) return;
    again = false;
    try {
      replaceContent(main, ...(await current.render()));
    } catch (error) {
      const failure = /** @type {import('./api.js').ApiError} */ (error);
      replaceContent(main, h('div', { class: 'problem', role: 'alert' }, h('h1', {}, 'Could not show this page'), h('p', {}, failure.message), failure.hint ? h('p', { class: 'hint' }, failure.hint) : null));
    }
  });
  return rendering;
}

/** Shows the view of the current address; after a move inside the dashboard, the keyboard starts at its heading. @param {App} app @param {boolean} moved */
async function route(app, moved) {
  view?.close?.();
  const path = location.pathname;
  const found = ROUTES.find(([pattern]) => pattern.test(path));
  document.querySelectorAll('nav a').forEach((link) => link.toggleAttribute('aria-current', /** @type {HTMLElement} */ (link).dataset.section === found?.[1]));
  if (!found) {
    view = { render: async () => [h('h1', {}, 'Not found'), h('p', {}, `The dashboard has no page at ${path}.`)] };
  } else {
    const params = /** @type {RegExpExecArray} */ (found[0].exec(path)).slice(1).map(decodeURIComponent);
    view = found[2](params, app);
  }
  await render();
  if (moved) /** @type {HTMLElement | null} */ (main.querySelector('h1'))?.focus();
}

async function start() {
  /** @type {App} */
  const app = {
    overview: await read('/overview').catch(() => ({ controls: {} })),
    navigate: (to) => {
      history.pushState(null, '', to);
      void route(app, true);
    },
    refresh: () => void render(),
    title: (text) => (document.title = `${text} · slipway`),
  };
  const account = document.getElementById('account');
  if (account && app.overview.accountId) account.textContent = `${app.overview.accountId} · ${app.overview.region}`;
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || link.target || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) return;
    event.preventDefault();
    app.navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => void route(app, true));
  startLive(/** @type {HTMLElement} */ (document.getElementById('live')));
  onNotices((notices) => {
    if (notices === 'reconnected' || notices.some((notice) => view?.wants?.(notice))) void render();
  });
  await route(app, false);
}

void start();
