// @ts-check
// A pipeline's execution history, newest first, as the console lists it: the execution, its
// status, what started it, the source revision, when it started and how long it ran (running
// ones count up to now).
import { ago, duration, h, path } from './dom.js';
import { revisionOf } from './pages/pipelines.js';
import { badge, words } from './status.js';
import { table } from './table.js';

/** How long an execution ran, or has run so far. @param {any} execution */
export function elapsed(execution) {
  const running = execution.status === 'InProgress' || execution.status === 'Stopping';
  return duration((running ? Date.now() : Date.parse(execution.lastUpdateTime)) - Date.parse(execution.startTime));
}

/** What started an execution, in words. @param {{ triggerType: string, triggerDetail?: string }} trigger */
export function triggerText(trigger) {
  return `${words(trigger.triggerType)}${trigger.triggerDetail ? ` (${trigger.triggerDetail})` : ''}`;
}

/** @param {any[]} executions */
export function historyTable(executions) {
  return table({
    caption: 'Execution history',
    items: executions,
    empty: 'No executions yet.',
    rowKey: (/** @type {any} */ execution) => execution.pipelineExecutionId,
    columns: [
      ['Execution', (/** @type {any} */ execution) => h('a', { href: path('executions', execution.pipelineExecutionId), title: execution.pipelineExecutionId, 'data-key': `execution-${execution.pipelineExecutionId}` }, execution.pipelineExecutionId.slice(0, 8))],
      ['Status', (/** @type {any} */ execution) => h('span', {}, badge(execution.status), execution.statusSummary ? h('span', { class: 'status-summary' }, ` ${execution.statusSummary}`) : '')],
      ['Trigger', (/** @type {any} */ execution) => h('span', { title: triggerText(execution.trigger) }, words(execution.trigger.triggerType))],
      ['Source revision', (/** @type {any} */ execution) => revisionOf(execution)],
      ['Started', (/** @type {any} */ execution) => ago(execution.startTime)],
      ['Duration', (/** @type {any} */ execution) => elapsed(execution)],
    ],
  });
}
