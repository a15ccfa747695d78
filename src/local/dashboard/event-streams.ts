// The page's live connections, as server-sent events (HTML Living Standard, "Server-sent
// events"): `/api/events` sends the account's change notices, gathered for a tenth of a second so
// a burst of events is one fetch; `/api/builds/<id>/stream` sends a build's progress (its number
// of log lines, status, current phase and phases) each time it changes, read from the records
// every quarter second (so builds run by any process on the home are followed), and `end` when
// the build has ended.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalAccount } from '../account/index.js';
import { buildDetail } from './build-views.js';
import type { ChangeFeed, Notice } from './change-feed.js';
import type { PhaseLines } from './phase-lines.js';
import { SECURITY_HEADERS } from './security-headers.js';

const GATHER_MS = 100;
const BUILD_LOOK_MS = 250;
/** A comment line this often keeps idle connections open through proxies and tells a dead client. */
const KEEPALIVE_MS = 15_000;

/** Opens an event stream on `res`; `onClose` runs once when the page goes away or the server stops. */
function openStream(req: IncomingMessage, res: ServerResponse, onClose: () => void): (event: string, data: unknown) => void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  res.write('retry: 2000\n\n');
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS).unref();
  res.on('close', () => {
    clearInterval(keepalive);
    onClose();
  });
  return (event, data) => {
    if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}

/** `/api/events`: change notices, gathered. */
export function changeStream(feed: ChangeFeed, req: IncomingMessage, res: ServerResponse): void {
  let pending = new Map<string, Notice>();
  let timer: NodeJS.Timeout | undefined;
  const stop = feed.listen((notice) => {
    pending.set(JSON.stringify(notice), notice);
    timer ??= setTimeout(() => {
      send('change', [...pending.values()]);
      pending = new Map();
      timer = undefined;
    }, GATHER_MS);
  });
  const send = openStream(req, res, () => {
    stop();
    clearTimeout(timer);
  });
  send('ready', {});
}

/** `/api/builds/<id>/stream`: a build's progress until it ends. */
export function buildStream(account: LocalAccount, phases: PhaseLines, buildId: string, req: IncomingMessage, res: ServerResponse): void {
  let last = '';
  const look = () => {
    let ended: boolean;
    try {
      const detail = buildDetail(account, phases, buildId);
      const progress = {
        lineCount: detail.lineCount, buildStatus: detail.buildStatus, currentPhase: detail.currentPhase, phases: detail.phases,
        endTime: detail.endTime,
      };
      const text = JSON.stringify(progress);
      if (text !== last) send('progress', progress);
      last = text;
      ended = detail.buildStatus !== 'IN_PROGRESS';
    } catch {
      ended = true; // The build's record is gone (a project's retention removed it): nothing more will come.
    }
    if (!ended) return;
    send('end', {});
    res.end();
  };
  const timer = setInterval(look, BUILD_LOOK_MS).unref();
  const send = openStream(req, res, () => clearInterval(timer));
  look();
}
