// @ts-check
// One execution: its status, trigger, revision and duration, its stages with this execution's
// runs, its pipeline variables, the output variables of its actions by namespace, and its
// artifacts (GetPipelineExecution, ListActionExecutions). Live while it runs.
import { read } from '../api.js';
import { stopButton } from '../controls.js';
import { commit, dateTime, h, path } from '../dom.js';
import { elapsed, triggerText } from '../history.js';
import { stageColumns } from '../stages.js';
import { badge } from '../status.js';
import { facts, table } from '../table.js';

/** @type {import('../routes.js').Page} */
export function executionPage([id], app) {
  return {
    wants: (notice) => (notice.kind === 'pipeline' && (notice.pipelineExecutionId === id || notice.pipelineExecutionId === undefined)) || notice.kind === 'build',
    render: async () => {
      const execution = await read(path('executions', id));
      app.title(`Execution ${id.slice(0, 8)} of ${execution.pipelineName}`);
      const running = execution.status === 'InProgress' || execution.status === 'Stopping';
      return [
        h('div', { class: 'page-head' },
          h('div', {}, h('p', { class: 'crumbs' }, h('a', { href: '/' }, 'Pipelines'), ' / ', h('a', { href: path('pipelines', execution.pipelineName) }, execution.pipelineName)),
            h('h1', { tabindex: '-1' }, `Execution ${id}`)),
          h('div', { class: 'page-actions' }, running ? stopButton(app, id, execution.status === 'Stopping') : null)),
        facts([
          ['Status', h('span', {}, badge(execution.status), execution.statusSummary ? ` ${execution.statusSummary}` : '')],
          ['Trigger', triggerText(execution.trigger)],
          ['Source revisions', execution.sourceRevisions.length ? h('span', {}, execution.sourceRevisions.map((/** @type {any} */ revision) => h('span', { class: 'source-revision' }, `${revision.actionName}: `, commit(revision.revisionId), revision.revisionSummary ? ` ${revision.revisionSummary}` : ''))) : undefined],
          ['Started', dateTime(execution.startTime)],
          [running ? 'Running for' : 'Duration', elapsed(execution)],
          ['Execution mode', execution.executionMode],
          ['Pipeline version', execution.pipelineVersion],
        ]),
        h('section', { 'aria-labelledby': 'stages-title' }, h('h2', { id: 'stages-title' }, 'Stages'), stageColumns(app, execution.stages, {})),
        h('section', { 'aria-labelledby': 'variables-title' }, h('h2', { id: 'variables-title' }, 'Variables'), variablesTable(execution)),
        h('section', { 'aria-labelledby': 'artifacts-title' }, h('h2', { id: 'artifacts-title' }, 'Artifacts'), table({
          caption: 'Artifacts', items: execution.artifacts, empty: 'No artifacts yet.',
          columns: [['Name', (/** @type {any} */ a) => a.name], ['Location', (/** @type {any} */ a) => h('code', {}, a.location)], ['Revision', (/** @type {any} */ a) => (a.revision ? commit(a.revision) : '')]],
        })),
      ];
    },
  };
}

/** Pipeline variables and output variables, one row each. @param {any} execution */
function variablesTable(execution) {
  const rows = [
    ...execution.variables.map((/** @type {any} */ variable) => ({ scope: 'Pipeline (variables)', name: variable.name, value: variable.resolvedValue })),
    ...Object.entries(execution.outputs).flatMap(([namespace, values]) => Object.entries(/** @type {Record<string, string>} */ (values))
      .map(([name, value]) => ({ scope: namespace, name, value }))),
  ];
  return table({
    caption: 'Variables', items: rows, empty: 'No variables.',
    columns: [['Namespace', (row) => row.scope], ['Name', (row) => h('code', {}, row.name)], ['Value', (row) => h('span', { class: 'value' }, row.value)]],
  });
}
