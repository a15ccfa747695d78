// The dashboard as one of up's web routes (prefix `/`): its page at `/` and at each page's own
// path (`/pipelines/<name>`, `/builds/<id>`, ...), its files under /assets/, its JSON API under
// /api/, and its live streams. Every request passes request-guard.ts first; the page is served
// with a token of its own, which the changes it sends must carry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UpParts } from '../up/local-up.js';
import type { WebRoute } from '../up/router.js';
import { CHANGES, decodedSegment, READS, routeOf, type ApiParts } from './api-routes.js';
import { ChangeFeed } from './change-feed.js';
import { buildStream, changeStream } from './event-streams.js';
import { readJsonObject, sendAsset, sendError, sendJson, sendThrown } from './http-answers.js';
import { PageTokens } from './page-token.js';
import { PhaseLines } from './phase-lines.js';
import { PipelineControls } from './pipeline-controls.js';
import { ownHosts, refusalOf, type RequestKind } from './request-guard.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { loadAssets, type Asset } from './static-assets.js';

/** The paths the page itself answers (it shows the view the path names). */
const PAGE_PATH = /^\/(?:(?:pipelines|executions|builds|registry|stacks)(?:\/[^/]+)?)?$/;
const BUILD_STREAM = /^\/api\/builds\/([^/]+)\/stream$/;
/** Where the page's token goes in index.html. */
const TOKEN_PLACEHOLDER = '__SLIPWAY_PAGE_TOKEN__';

interface Dashboard extends ApiParts {
  tokens: PageTokens;
  feed: ChangeFeed;
  assets: Map<string, Asset>;
  page: string;
}

/** The dashboard's web route for a running up. */
export function dashboardRoute(parts: UpParts): WebRoute {
  const feed = new ChangeFeed(parts.account);
  const dashboard: Dashboard = {
    account: parts.account, registry: parts.registry, phases: new PhaseLines(parts.account.codebuild.builds), engine: parts.engine,
    controls: new PipelineControls(parts.engine, parts.account, (notice) => feed.tell(notice)), tokens: new PageTokens(), feed, ...loadAssets(),
  };
  return { prefix: '/', handle: (req, res) => void answer(dashboard, req, res).catch((error: unknown) => sendThrown(res, error)) };
}

async function answer(dashboard: Dashboard, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://dashboard');
  const path = url.pathname;
  const reading = req.method === 'GET' || req.method === 'HEAD';
  const kind: RequestKind = !reading ? 'change' : path.startsWith('/api/') ? 'read' : 'page';
  const refusal = refusalOf(req, kind, ownHosts(req.socket.localPort ?? 0), dashboard.tokens);
  if (refusal) return sendError(res, refusal.status, refusal.code, refusal.message);
  if (kind === 'change') return change(dashboard, req, res, path);
  if (path === '/api/events') return changeStream(dashboard.feed, req, res);
  const stream = BUILD_STREAM.exec(path);
  if (stream) {
    const buildId = decodedSegment(stream[1]!, path);
    dashboard.account.codebuild.requireBuild(buildId);
    return buildStream(dashboard.account, dashboard.phases, buildId, req, res);
  }
  if (kind === 'read') {
    const route = routeOf(READS, path);
    if (!route) return sendError(res, 404, 'NotFound', `the dashboard has no ${path}`);
    return sendJson(res, 200, route.handler(dashboard, route.params, url.searchParams));
  }
  const asset = dashboard.assets.get(path);
  if (asset) return sendAsset(req, res, asset);
  if (PAGE_PATH.test(path)) return sendPage(res, dashboard);
  sendError(res, 404, 'NotFound', `the dashboard has no page at ${path}`);
}

async function change(dashboard: Dashboard, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = routeOf(CHANGES, path);
  if (!route) return sendError(res, req.method === 'POST' ? 404 : 405, req.method === 'POST' ? 'NotFound' : 'MethodNotAllowed', `the dashboard takes no ${req.method} at ${path}`);
  if (req.method !== 'POST') return sendError(res, 405, 'MethodNotAllowed', `${path} takes POST, not ${req.method}`);
  sendJson(res, 200, await route.handler(dashboard, route.params, await readJsonObject(req)));
}

/** The page, with a token of its own; never cached, since the token is this page's only. */
function sendPage(res: ServerResponse, dashboard: Dashboard): void {
  const body = dashboard.page.replace(TOKEN_PLACEHOLDER, dashboard.tokens.issue());
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) }).end(body);
}
