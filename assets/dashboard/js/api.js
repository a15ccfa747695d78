// @ts-check
/* global document, fetch */
// The dashboard's own API: reads as JSON, and changes as JSON POSTs carrying this page's token
// (the server refuses a change without it, from another origin, or through another Host).

/** An answer that is an error: its code, what happened, and what to do next. */
export class ApiError extends Error {
  /** @param {number} status @param {{ code?: string, message?: string, hint?: string }} error */
  constructor(status, error) {
    super(error.message ?? `the dashboard answered ${status}`);
    this.status = status;
    this.code = error.code ?? 'Unknown';
    this.hint = error.hint;
  }
}

const TOKEN = document.querySelector('meta[name="slipway-page-token"]')?.getAttribute('content') ?? '';

/** @param {Response} response */
async function answerOf(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.error ?? {});
  return body;
}

/**
 * Reads `/api/<path>`.
 * @param {string} path
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>}
 */
export async function read(path, signal) {
  return answerOf(await fetch(`/api${path}`, { headers: { accept: 'application/json' }, signal }));
}

/**
 * Asks for a change at `/api/<path>`.
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @returns {Promise<any>}
 */
export async function change(path, body) {
  return answerOf(await fetch(`/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-slipway-token': TOKEN },
    body: JSON.stringify(body),
  }));
}
