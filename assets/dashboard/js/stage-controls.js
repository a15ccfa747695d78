// @ts-check
// The buttons of a stage: retry it when it failed or was stopped (the failed actions, or all), answer
// a manual approval waiting in it (approve or reject, with a comment), disable or enable the
// transition into it (with a reason, of the characters DisableStageTransition takes). Each change
// goes through the dashboard's API to the engine; the view shows its outcome live.
import { announce } from './announcer.js';
import { change } from './api.js';
import { controlButton } from './controls.js';
import { choice, field, openDialog } from './dialog.js';
import { h, path } from './dom.js';

/** @typedef {import('./main.js').App} App */

/** "Retry stage": the failed actions, or all the stage's actions. @param {App} app @param {string} executionId @param {string} stageName */
export function retryButton(app, executionId, stageName) {
  return controlButton(app, 'RetryStageExecution', 'Retry stage', () => openDialog({
    title: `Retry stage ${stageName}`,
    fields: [
      h('p', {}, `Execution ${executionId.slice(0, 8)} runs again from this stage, with the same source revisions.`),
      choice('What to run again', 'retryMode', [['FAILED_ACTIONS', 'The failed actions'], ['ALL_ACTIONS', 'All actions of the stage']]),
    ],
    submitLabel: 'Retry',
    submit: async (form) => {
      await change(`${path('executions', executionId)}/retry`, { stageName, retryMode: form.get('retryMode') });
      app.refresh();
      return `Retrying stage ${stageName} of execution ${executionId}`;
    },
  }, announce), `retry-${stageName}`);
}

/**
 * "Review": approve or reject a manual approval, with a comment.
 * @param {App} app @param {string} executionId @param {string} stageName @param {string} actionName
 */
export function approvalButton(app, executionId, stageName, actionName) {
  return controlButton(app, 'PutApprovalResult', 'Review', () => openDialog({
    title: `Review ${actionName}`,
    fields: [choice('Decision', 'status', [['Approved', 'Approve'], ['Rejected', 'Reject']]), field('Comment', { name: 'summary', maxlength: 512 }, { multiline: true })],
    submitLabel: 'Submit',
    submit: async (form) => {
      await change(`${path('executions', executionId)}/approval`, { stageName, actionName, status: form.get('status'), summary: String(form.get('summary') ?? '') });
      app.refresh();
      return `${form.get('status')}: ${actionName}`;
    },
  }, announce), `review-${stageName}-${actionName}`);
}

/** "Disable transition" / "Enable transition" into a stage. @param {App} app @param {string} pipelineName @param {string} stageName @param {boolean} enabled */
export function transitionButton(app, pipelineName, stageName, enabled) {
  const send = (/** @type {string | undefined} */ reason) => change(`${path('pipelines', pipelineName)}/transitions`, { stageName, transitionType: 'Inbound', enabled: !enabled, ...(reason ? { reason } : {}) });
  return controlButton(app, enabled ? 'DisableStageTransition' : 'EnableStageTransition', enabled ? 'Disable transition' : 'Enable transition', () => openDialog({
    title: `${enabled ? 'Disable' : 'Enable'} the transition into ${stageName}`,
    fields: enabled
      ? [h('p', {}, 'Executions wait before this stage until the transition is enabled again.'), field('Reason', { name: 'reason', required: true, maxlength: 300, pattern: '[a-zA-Z0-9!@ \\(\\)\\.\\*\\?\\-]+' }, { help: 'Letters, digits, spaces and ! @ ( ) . * ? - (at most 300).' })]
      : [h('p', {}, 'Executions waiting at this transition go on.')],
    submitLabel: enabled ? 'Disable' : 'Enable',
    submit: async (form) => {
      await send(enabled ? String(form.get('reason')) : undefined);
      app.refresh();
      return `Transition into ${stageName} ${enabled ? 'disabled' : 'enabled'}`;
    },
  }, announce), `transition-${stageName}`);
}
