// @ts-check
/* global clearInterval, EventSource, setInterval */
// A build: its status, project, source version and the pipeline that ran it; its phases with
// their status and duration (each a jump to where it starts in the log); and its log, with
// colours, following the tail while it runs. Live from the build's own stream until it ends.
import { read } from '../api.js';
import { commit, dateTime, duration, h, path } from '../dom.js';
import { LogView } from '../log-view.js';
import { badge } from '../status.js';
import { facts } from '../table.js';

/** @type {import('../routes.js').Page} */
export function buildPage([id], app) {
  /** @type {EventSource | undefined} */
  let stream;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let clock;
  const close = () => {
    stream?.close();
    clearInterval(clock);
  };
  return {
    close,
    render: async () => {
      close();
      const build = await read(path('builds', id));
      app.title(`Build ${build.projectName}:${build.buildNumber}`);
      const summary = h('div', { class: 'build-summary' });
      const phases = h('ol', { class: 'phases', 'aria-label': 'Phases' });
      const follow = h('button', { type: 'button', class: 'control', 'aria-pressed': 'true', 'data-key': 'follow' }, 'Follow the end');
      const count = h('span', { class: 'line-count' });
      const view = new LogView(id, (on) => follow.setAttribute('aria-pressed', String(on)));
      follow.addEventListener('click', () => view.setFollow(follow.getAttribute('aria-pressed') !== 'true'));
      const show = (/** @type {any} */ progress) => {
        Object.assign(build, progress);
        summary.replaceChildren(summaryFacts(build));
        phases.replaceChildren(...build.phases.map((/** @type {any} */ phase) => phaseItem(phase, build, view)));
        count.textContent = `${build.lineCount} lines`;
        view.setCount(build.lineCount);
      };
      show(build);
      if (build.buildStatus === 'IN_PROGRESS') {
        const live = new EventSource(`/api${path('builds', id)}/stream`);
        live.addEventListener('progress', (event) => show(JSON.parse(/** @type {MessageEvent} */ (event).data)));
        live.addEventListener('end', () => live.close());
        stream = live;
        clock = setInterval(() => build.buildStatus === 'IN_PROGRESS' && show({}), 1000);
      }
      return [
        h('p', { class: 'crumbs' }, build.pipelineName ? h('a', { href: path('pipelines', build.pipelineName) }, build.pipelineName) : h('a', { href: '/' }, 'Pipelines'), ' / build'),
        h('h1', { tabindex: '-1' }, `Build ${build.projectName}:${build.buildNumber}`),
        summary,
        h('section', { 'aria-labelledby': 'phases-title' }, h('h2', { id: 'phases-title' }, 'Phases'), phases),
        h('section', { 'aria-labelledby': 'log-title', class: 'log-section' },
          h('div', { class: 'log-toolbar' }, h('h2', { id: 'log-title' }, 'Log'), count, follow), view.element),
      ];
    },
  };
}

/** @param {any} build */
function summaryFacts(build) {
  const end = build.endTime ? Date.parse(build.endTime) : Date.now();
  return facts([
    ['Status', badge(build.buildStatus)],
    ['Build id', h('code', {}, build.id)],
    ['Started', dateTime(build.startTime)],
    [build.endTime ? 'Duration' : 'Running for', duration(end - Date.parse(build.startTime))],
    ['Source version', build.resolvedSourceVersion ? commit(build.resolvedSourceVersion) : undefined],
    ['Runs on', build.runner ? `${build.runner}${build.image ? ` (${build.image})` : ''}` : undefined],
    ['Started by', build.initiator],
  ]);
}

/** A phase: its name (a jump to its first line, when known), status and duration. @param {any} phase @param {any} build @param {LogView} view */
function phaseItem(phase, build, view) {
  const running = phase.endTime === undefined && build.buildStatus === 'IN_PROGRESS';
  const end = phase.endTime ?? (running ? Date.now() : undefined);
  const name = phase.line ? h('button', { type: 'button', class: 'link', 'data-key': `phase-${phase.phaseType}`, onclick: () => view.showLine(phase.line) }, phase.phaseType) : h('span', {}, phase.phaseType);
  return h('li', { 'data-phase': phase.phaseType }, name, badge(phase.status ?? (running ? 'IN_PROGRESS' : undefined)), end !== undefined ? h('span', { class: 'phase-duration' }, duration(end - phase.startTime)) : null);
}
