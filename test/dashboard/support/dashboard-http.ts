// Requests to a running dashboard as a browser (or a hostile page) would send them: with the
// Host, Origin and Sec-Fetch-Site headers written out, and the page's own token read from the
// page, as its script reads it.
import { send, type RawResponse } from '../../registry/http-client.js';
import type { Ready } from './dashboard-world.js';

/** The Host and Origin the dashboard's own pages send. */
export function ownHeaders(ready: Ready): { host: string; origin: string } {
  const url = new URL(ready.dashboard);
  return { host: url.host, origin: url.origin };
}

/** Loads the page and returns the token it carries. */
export async function pageToken(ready: Ready): Promise<string> {
  const page = await send(ready.endpoint, 'GET', '/', { headers: { host: ownHeaders(ready).host } });
  const token = /<meta name="slipway-page-token" content="([^"]+)">/.exec(page.body.toString())?.[1];
  if (!token) throw new Error(`the page carries no token:\n${page.body.toString()}`);
  return token;
}

/** A change as the page sends it; `headers` override or (with undefined) remove the page's own. */
export function postChange(ready: Ready, path: string, body: unknown, headers: Record<string, string | undefined>): Promise<RawResponse> {
  const own = ownHeaders(ready);
  const all: Record<string, string | undefined> = { host: own.host, origin: own.origin, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers };
  const defined = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)) as Record<string, string>;
  return send(ready.endpoint, 'POST', path, { headers: defined, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** A read as the page sends it. */
export async function readApi<T = unknown>(ready: Ready, path: string): Promise<T> {
  const answer = await send(ready.endpoint, 'GET', `/api${path}`, { headers: { host: ownHeaders(ready).host } });
  if (answer.status !== 200) throw new Error(`GET /api${path} answered ${answer.status}: ${answer.body.toString()}`);
  return answer.json<T>();
}

/** Resolves with the value `probe` returns once it is not undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
