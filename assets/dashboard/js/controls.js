// @ts-check
// The buttons that change an execution: release a change (start, with V2 variables) and stop
// (and abandon); stage-controls.js holds those of a stage. Each opens a form and sends the change
// through the dashboard's API, which calls the same engine as the CLI and the local endpoint; the
// view shows the outcome as the live feed reports it. A control the server does not list as
// available (GET /api/overview) is shown disabled, saying so.
import { change } from './api.js';
import { choice, field, openDialog } from './dialog.js';
import { announce } from './announcer.js';
import { h, path } from './dom.js';

/** @typedef {import('./main.js').App} App */

/**
 * A button for one control, disabled (with why) when the server does not offer that operation.
 * @param {App} app @param {string} operation @param {string} label @param {() => void} open @param {string} key
 */
export function controlButton(app, operation, label, open, key) {
  const available = app.overview.controls?.[operation] === true;
  return h('button', { type: 'button', class: 'control', 'data-key': key, disabled: !available, title: available ? undefined : `${operation} is not offered by this slipway up`, onclick: open }, label);
}

/** "Release change": starts an execution, with a value for each declared variable. @param {App} app @param {any} pipeline */
export function startButton(app, pipeline) {
  return controlButton(app, 'StartPipelineExecution', 'Release change', () => openDialog({
    title: `Release a change through ${pipeline.name}`,
    fields: [
      h('p', {}, 'Starts an execution with the latest commit of each source.'),
      ...pipeline.variables.map((/** @type {any} */ variable) => field(variable.name, { name: `variable:${variable.name}`, placeholder: variable.defaultValue ?? '', required: variable.defaultValue === undefined }, { help: variable.description ?? (variable.defaultValue !== undefined ? `Default: ${variable.defaultValue}` : 'No default: a value is needed') })),
    ],
    submitLabel: 'Release',
    submit: async (form) => {
      const variables = Object.fromEntries([...form.entries()].filter(([name, value]) => name.startsWith('variable:') && value !== '').map(([name, value]) => [name.slice('variable:'.length), String(value)]));
      const { pipelineExecutionId } = await change(`${path('pipelines', pipeline.name)}/start`, { variables });
      app.refresh();
      return `Started execution ${pipelineExecutionId}`;
    },
  }, announce), `start-${pipeline.name}`);
}

/**
 * "Stop execution": stop and wait, or stop and abandon; an execution already stopping can still be abandoned.
 * @param {App} app @param {string} executionId @param {boolean} stopping
 */
export function stopButton(app, executionId, stopping) {
  const modes = [['wait', 'Stop and wait: running actions finish'], ['abandon', 'Stop and abandon: running actions are abandoned']];
  return controlButton(app, 'StopPipelineExecution', stopping ? 'Abandon execution' : 'Stop execution', () => openDialog({
    title: stopping ? `Abandon execution ${executionId.slice(0, 8)}` : `Stop execution ${executionId.slice(0, 8)}`,
    fields: [
      stopping ? h('p', {}, 'It is stopping: its running actions finish first. Abandon them instead?') : choice('How to stop', 'mode', /** @type {[string, string][]} */ (modes)),
      field('Reason (optional)', { name: 'reason', maxlength: 200 }),
    ],
    submitLabel: stopping ? 'Abandon' : 'Stop',
    submit: async (form) => {
      const abandon = stopping || form.get('mode') === 'abandon';
      await change(`${path('executions', executionId)}/stop`, { abandon, ...(form.get('reason') ? { reason: String(form.get('reason')) } : {}) });
      app.refresh();
      return `${abandon ? 'Abandoning' : 'Stopping'} execution ${executionId}`;
    },
  }, announce), `stop-${executionId}`);
}
