// @ts-check
/* global EventSource */
// The account's changes as they happen (server-sent events from /api/events): the open view
// fetches again what a notice names. The header says whether the page is live; the browser
// reconnects by itself when the connection drops, and every view fetches anew when it is back.

/**
 * @typedef {{ kind: 'pipeline', pipelineName: string, pipelineExecutionId?: string } | { kind: 'build', buildId: string }
 *   | { kind: 'registry', repositoryName: string } | { kind: 'stack', stackName: string }} Notice
 */

/** @type {Set<(notices: Notice[] | 'reconnected') => void>} */
const listeners = new Set();

/** Starts listening; `status` shows the connection's state. @param {HTMLElement} status */
export function startLive(status) {
  const source = new EventSource('/api/events');
  let dropped = false;
  const show = (/** @type {string} */ text, /** @type {string} */ state) => {
    status.textContent = text;
    status.dataset.state = state;
  };
  source.addEventListener('ready', () => {
    show('live', 'live');
    if (dropped) listeners.forEach((listener) => listener('reconnected'));
    dropped = false;
  });
  source.addEventListener('change', (event) => {
    const notices = /** @type {Notice[]} */ (JSON.parse(/** @type {MessageEvent} */ (event).data));
    listeners.forEach((listener) => listener(notices));
  });
  source.addEventListener('error', () => {
    dropped = true;
    show('reconnecting', 'down');
  });
}

/** Calls `listener` with each batch of notices until the returned function is called. @param {(notices: Notice[] | 'reconnected') => void} listener */
export function onNotices(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
