// @ts-check
/* global document, setTimeout */
// The page's one place for what just happened ("Started execution …"): a polite status region,
// read out by screen readers and shown for a few seconds.

/** Shows a message in the page's announcer for a few seconds. @param {string} message */
export function announce(message) {
  const announcer = /** @type {HTMLElement} */ (document.getElementById('announcer'));
  announcer.textContent = message;
  announcer.dataset.shown = 'true';
  setTimeout(() => {
    if (announcer.textContent === message) announcer.dataset.shown = 'false';
  }, 6000);
}
