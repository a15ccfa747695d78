// @ts-check
// One pipeline: its stages as columns with each stage's latest execution (GetPipelineState), the
// release button (and the stop button of the newest running execution, as the console has it),
// and the execution history. Live: it fetches again when anything happens in
// this pipeline or a build starts.
import { read } from '../api.js';
import { startButton, stopButton } from '../controls.js';
import { h, path } from '../dom.js';
import { historyTable } from '../history.js';
import { stageColumns } from '../stages.js';

/** @type {import('../routes.js').Page} */
export function pipelinePage([name], app) {
  return {
    wants: (notice) => (notice.kind === 'pipeline' && notice.pipelineName === name) || notice.kind === 'build',
    render: async () => {
      app.title(name);
      const [pipeline, { executions }] = await Promise.all([read(path('pipelines', name)), read(`${path('pipelines', name)}/executions`)]);
      const running = executions.find((/** @type {any} */ execution) => execution.status === 'InProgress' || execution.status === 'Stopping');
      return [
        h('div', { class: 'page-head' },
          h('div', {}, h('p', { class: 'crumbs' }, h('a', { href: '/' }, 'Pipelines')), h('h1', { tabindex: '-1' }, pipeline.name),
            h('p', { class: 'meta' }, `${pipeline.pipelineType} · ${pipeline.executionMode} · version ${pipeline.version}`)),
          h('div', { class: 'page-actions' }, running ? stopButton(app, running.pipelineExecutionId, running.status === 'Stopping') : null, startButton(app, pipeline))),
        h('section', { 'aria-labelledby': 'stages-title' }, h('h2', { id: 'stages-title' }, 'Stages'), stageColumns(app, pipeline.stages, { pipelineName: pipeline.name })),
        h('section', { 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, 'Execution history'), historyTable(executions)),
      ];
    },
  };
}
