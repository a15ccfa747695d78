// @ts-check
/* global FormData, document */
// A modal form for each change the page asks for (start, stop, retry, approve, transitions): the
// browser's own <dialog>, which keeps the keyboard inside it, closes on Escape and gives focus
// back to the button that opened it. An error from the server is shown in the dialog, as said.
import { h } from './dom.js';

/**
 * Opens a dialog; `submit` receives the form's fields and resolves with what to announce, or throws to show an error.
 * @param {{ title: string, fields: Node[], submitLabel: string, submit: (form: FormData) => Promise<string> }} spec
 * @param {(message: string) => void} announce
 */
export function openDialog({ title, fields, submitLabel, submit }, announce) {
  const titleId = `dialog-${Math.random().toString(36).slice(2)}`;
  const problem = h('p', { class: 'problem', role: 'alert', hidden: true });
  const confirm = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const form = h('form', { method: 'dialog' },
    h('h2', { id: titleId }, title), ...fields, problem,
    h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', value: 'cancel', onclick: () => dialog.close() }, 'Cancel'), confirm));
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { 'aria-labelledby': titleId }, form));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    confirm.toggleAttribute('disabled', true);
    try {
      const message = await submit(new FormData(/** @type {HTMLFormElement} */ (form)));
      dialog.close();
      announce(message);
    } catch (error) {
      const failure = /** @type {import('./api.js').ApiError} */ (error);
      problem.textContent = failure.hint ? `${failure.message} (${failure.hint})` : failure.message;
      problem.hidden = false;
      confirm.toggleAttribute('disabled', false);
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

/**
 * A labelled field.
 * @param {string} label
 * @param {Record<string, unknown>} input attributes of the <input> (or of the <textarea> when `multiline`)
 * @param {{ multiline?: boolean, help?: string }} [options]
 */
export function field(label, input, options = {}) {
  const id = `field-${Math.random().toString(36).slice(2)}`;
  const helpId = options.help ? `${id}-help` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h(options.multiline ? 'textarea' : 'input', { id, 'aria-describedby': helpId, ...input }),
    options.help ? h('p', { class: 'help', id: helpId }, options.help) : null);
}

/**
 * A group of radio buttons, the first checked.
 * @param {string} legend
 * @param {string} name
 * @param {[string, string][]} choices value and label of each
 */
export function choice(legend, name, choices) {
  return h('fieldset', { class: 'choice' }, h('legend', {}, legend), choices.map(([value, label], index) => h('label', {}, h('input', { type: 'radio', name, value, checked: index === 0 }), ` ${label}`)));
}
