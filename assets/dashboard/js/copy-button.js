// @ts-check
/* global navigator */
// A button that copies a command (`docker pull …`) to the clipboard and says so.
import { announce } from './announcer.js';
import { h } from './dom.js';

/** @param {string} text @param {string} label what the button copies, for screen readers */
export function copyButton(text, label) {
  return h('button', {
    type: 'button', class: 'copy', 'aria-label': `Copy ${label}`, 'data-copy': text,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        announce(`Copied: ${text}`);
      } catch {
        announce('The browser did not allow copying; select the command instead.');
      }
    },
  }, 'Copy');
}
