// Which requests the dashboard answers. It is served on 127.0.0.1 only, but any web page the
// user opens can send requests there, so: every request must name the dashboard's own address
// in `Host` (a page cannot make the browser send that Host for its own name: no DNS rebinding);
// reads are refused when the browser says another site asked (`Origin`, `Sec-Fetch-Site`), so no
// page can embed them; and a change must come from the dashboard's own origin, as JSON (which a
// cross-origin form cannot send), with the page's token (page-token.ts). OWASP CSRF Prevention
// Cheat Sheet: "Verifying Origin with standard headers", "Fetch Metadata headers".
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER, type PageTokens } from './page-token.js';

/** Why a request is refused, as the dashboard answers it. */
export interface Refusal {
  status: number;
  code: 'ForeignHost' | 'ForeignOrigin' | 'CrossSiteRequest' | 'MissingOrigin' | 'InvalidPageToken' | 'UnsupportedMediaType';
  message: string;
}

/** What a request does: loads the page or its assets, reads data, or changes something. */
export type RequestKind = 'page' | 'read' | 'change';

/** The names the dashboard answers to on `port`. */
export function ownHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** The refusal for a request, or undefined when it may be answered. */
export function refusalOf(req: IncomingMessage, kind: RequestKind, hosts: ReadonlySet<string>, tokens: PageTokens): Refusal | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { status: 403, code: 'ForeignHost', message: `The Host '${req.headers.host ?? ''}' is not the dashboard's address (${[...hosts].join(' or ')}); requests through other names are refused.` };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
    return { status: 403, code: 'ForeignOrigin', message: `Requests from the origin '${origin}' are refused: only the dashboard's own pages may call it.` };
  }
  const site = req.headers['sec-fetch-site'];
  if (kind !== 'page' && site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, code: 'CrossSiteRequest', message: `The browser says another site sent this request (Sec-Fetch-Site: ${String(site)}); only the dashboard's own pages may call it.` };
  }
  return kind === 'change' ? changeRefusal(req, tokens) : undefined;
}

/** A change must name its origin, be JSON, and carry a token this dashboard issued. */
function changeRefusal(req: IncomingMessage, tokens: PageTokens): Refusal | undefined {
  if (req.headers.origin === undefined) return { status: 403, code: 'MissingOrigin', message: 'A request that changes something must carry an Origin header (browsers send it); this one has none.' };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, code: 'UnsupportedMediaType', message: `A request that changes something must send application/json, not '${req.headers['content-type'] ?? ''}'.` };
  const token = req.headers[TOKEN_HEADER];
  if (typeof token !== 'string' || !tokens.verify(token)) {
    return { status: 403, code: 'InvalidPageToken', message: `The request carries no valid page token (${TOKEN_HEADER}); reload the dashboard (slipway up may have restarted).` };
  }
  return undefined;
}
