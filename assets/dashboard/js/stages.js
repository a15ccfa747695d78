// @ts-check
// A pipeline's stages as columns and their actions as boxes, in run order, as the console draws
// them: each box with its status, provider, last change, the commit a source took, a link to the
// build a CodeBuild action ran, and why it failed. Between columns, the transition (who last
// changed it, the executions held at it) with its control; under a failed or stopped stage, its
// retry; on a manual approval waiting, its review, and once answered, who answered it.
import { approvalButton, retryButton, transitionButton } from './stage-controls.js';
import { ago, commit, h, path } from './dom.js';
import { badge, toneOf } from './status.js';

/** @typedef {import('./main.js').App} App */

/**
 * The columns. `pipelineName` is given on the pipeline's own page, where transitions can be changed.
 * @param {App} app @param {any[]} stages @param {{ pipelineName?: string }} options
 */
export function stageColumns(app, stages, options) {
  return h('ol', { class: 'stages', 'aria-label': 'Stages' }, stages.map((stage, index) => h('li', { class: `stage tone-${toneOf(stage.status)}`, 'data-stage': stage.stageName },
    index > 0 ? transition(app, stage, options.pipelineName) : null,
    h('div', { class: 'stage-head' },
      h('h3', {}, stage.stageName),
      badge(stage.status),
      stage.pipelineExecutionId ? h('a', { class: 'execution-link', href: path('executions', stage.pipelineExecutionId), title: stage.pipelineExecutionId }, `Execution ${stage.pipelineExecutionId.slice(0, 8)}`) : null),
    h('ol', { class: 'actions' }, stage.actions.map((/** @type {any} */ action) => actionBox(app, stage, action))),
    (stage.status === 'Failed' || stage.status === 'Stopped') && stage.pipelineExecutionId ? retryButton(app, stage.pipelineExecutionId, stage.stageName) : null)));
}

/** @param {App} app @param {any} stage @param {string | undefined} pipelineName */
function transition(app, stage, pipelineName) {
  const { enabled, disabledReason, lastChangedBy, waiting = [] } = stage.inboundTransition;
  return h('div', { class: `transition ${enabled ? 'enabled' : 'disabled'}` },
    h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
    h('span', { class: 'transition-state', title: lastChangedBy ? `Last changed by ${lastChangedBy}` : undefined }, enabled ? 'Transition enabled' : `Transition disabled${disabledReason ? `: ${disabledReason}` : ''}`),
    waiting.length ? h('span', { class: 'waiting' }, 'Waiting: ', waiting.flatMap((/** @type {string} */ id, /** @type {number} */ index) => [index ? ', ' : '', h('a', { href: path('executions', id), title: id }, id.slice(0, 8))])) : null,
    pipelineName ? transitionButton(app, pipelineName, stage.stageName, enabled) : null);
}

/** @param {App} app @param {any} stage @param {any} action */
function actionBox(app, stage, action) {
  const run = action.latest;
  return h('li', { class: `action tone-${toneOf(run?.status)}`, 'data-action': action.actionName, 'data-status': run?.status ?? 'none' },
    h('h4', {}, action.actionName),
    h('p', { class: 'provider' }, `${action.owner} ${action.provider}`, action.runOrder > 1 ? ` · run order ${action.runOrder}` : ''),
    h('p', { class: 'run' }, badge(run?.status), run ? h('span', { class: 'when' }, ' · ', ago(run.lastStatusChange)) : null, run?.attempts > 1 ? ` · attempt ${run.attempts}` : ''),
    run?.revision ? h('p', { class: 'source-revision' }, commit(run.revision.revisionId), run.revision.message ? ` ${run.revision.message}` : '') : null,
    run?.summary && !run.revision ? h('p', { class: 'summary' }, run.summary) : null,
    run?.lastUpdatedBy ? h('p', { class: 'answered-by' }, `by ${run.lastUpdatedBy}`) : null,
    run?.errorDetails ? h('p', { class: 'error-details' }, run.errorDetails.message) : null,
    run?.buildId ? h('a', { class: 'details', href: path('builds', run.buildId) }, 'View logs', h('span', { class: 'visually-hidden' }, ` of ${action.actionName}`)) : null,
    action.category === 'Approval' && run?.status === 'InProgress' ? approvalButton(app, run.pipelineExecutionId, stage.stageName, action.actionName) : null);
}
