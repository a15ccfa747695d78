// @ts-check
// The pipelines list: each pipeline with its latest execution (status, source revision, when)
// and the status of each of its stages in that execution, as the console's pipeline list.
import { read } from '../api.js';
import { ago, commit, h, path } from '../dom.js';
import { badge } from '../status.js';
import { table } from '../table.js';

/** @type {import('../routes.js').Page} */
export function pipelinesPage(_params, app) {
  return {
    wants: (notice) => notice.kind === 'pipeline' || notice.kind === 'build',
    render: async () => {
      app.title('Pipelines');
      const { pipelines } = await read('/pipelines');
      return [
        h('h1', { tabindex: '-1' }, 'Pipelines'),
        table({
          caption: 'Pipelines and their latest execution',
          items: pipelines,
          empty: 'No pipelines yet. A stack with an AWS::CodePipeline::Pipeline (slipway up in a project with slipway.yml, or --template) makes one.',
          rowKey: (/** @type {any} */ pipeline) => pipeline.name,
          columns: [
            ['Name', (/** @type {any} */ pipeline) => h('a', { href: path('pipelines', pipeline.name), 'data-key': `pipeline-${pipeline.name}` }, pipeline.name)],
            ['Latest execution', (/** @type {any} */ pipeline) => badge(pipeline.latest?.status)],
            ['Stages', (/** @type {any} */ pipeline) => stageStrip(pipeline.stages)],
            ['Source revision', (/** @type {any} */ pipeline) => revisionOf(pipeline.latest)],
            ['Started', (/** @type {any} */ pipeline) => (pipeline.latest ? ago(pipeline.latest.startTime) : '')],
            ['Type', (/** @type {any} */ pipeline) => `${pipeline.pipelineType} · ${pipeline.executionMode}`],
          ],
        }),
      ];
    },
  };
}

/** Each stage's status in the latest execution, in order. @param {{ stageName: string, status?: string }[]} stages */
function stageStrip(stages) {
  return h('ol', { class: 'stage-strip' }, stages.map((stage) => h('li', {}, h('span', { class: 'stage-name' }, stage.stageName), badge(stage.status))));
}

/** @param {any} execution */
export function revisionOf(execution) {
  const revision = execution?.sourceRevisions?.[0];
  if (!revision) return '';
  return h('span', { class: 'source-revision' }, commit(revision.revisionId), revision.revisionSummary ? ` ${revision.revisionSummary}` : '');
}
