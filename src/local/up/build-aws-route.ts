// The route up serves builds' stand-in for the AWS CLI on (assets/build-path/aws, used when a build
// has no AWS CLI, and for `ecr get-login` always): the stand-in posts its words and up answers
// them by calling the AWS API's own handlers for the account, as the endpoint would. It is a web
// route, not an AWS request (the stand-in cannot sign one with busybox's tools): a token derived
// from the account's secret key, which the build has, proves the caller.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext, BackgroundTasks, ServiceTable } from '../aws-api/index.js';
import type { LocalAccount } from '../account/index.js';
import { BUILD_AWS_PATH, BUILD_AWS_TOKEN_HEADER, buildAwsToken } from '../codebuild/index.js';
import type { PipelineEngine } from '../pipeline/index.js';
import type { LocalRegistry } from '../registry/index.js';
import { answerCliCall } from './build-aws/cli-answer.js';
import { shellAnswer } from './build-aws/shell-answer.js';
import type { WebRoute } from './router.js';

/** A command line is a few words; anything larger is no stand-in's. */
const MAX_BODY = 64 * 1024;

/** What the route answers with. */
export interface BuildAwsParts {
  account: LocalAccount;
  registry: LocalRegistry;
  services: ServiceTable;
  tasks: BackgroundTasks;
  engine: PipelineEngine;
  /** up's endpoint, once it listens. */
  endpoint: () => string;
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_BODY ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * Answers one stand-in call: the body is fields each ending in the unit separator (U+001F; busybox
 * wget posts a file only up to a NUL), the build's region, its default output, then the words after
 * `aws`.
 */
async function answer(parts: BuildAwsParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return plain(res, 405, 'POST the words of an aws command line\n');
  if (!sameToken(req.headers[BUILD_AWS_TOKEN_HEADER], buildAwsToken(parts.account.settings.secretAccessKey))) return plain(res, 403, 'the build token is not this account\'s\n');
  const body = await readBody(req);
  if (!body) return plain(res, 413, 'the command line is too long\n');
  const [region, output, ...words] = body.toString('utf8').split('\x1f').slice(0, -1);
  const { accountId, accessKeyId } = parts.account.settings;
  const reply = await answerCliCall(words, {
    region: region || parts.account.settings.region,
    output: output || 'json',
    accountId,
    call: async (service, operation, input, signingRegion) => {
      const handler = parts.services[service]?.[operation];
      if (!handler) throw new Error(`the local endpoint serves no ${service} ${operation}`);
      const ctx: ApiContext = {
        account: parts.account, registry: parts.registry, requestId: randomUUID(), accessKeyId, region: signingRegion,
        tasks: parts.tasks, engine: parts.engine, endpoint: parts.endpoint(),
      };
      return handler(input, ctx);
    },
  });
  plain(res, 200, shellAnswer(reply));
}

/** The route, for up's router. */
export function buildAwsRoute(parts: BuildAwsParts): WebRoute {
  return {
    prefix: BUILD_AWS_PATH,
    handle: (req, res) => {
      answer(parts, req, res).catch((error: unknown) => plain(res, 500, `${(error as Error).message}\n`));
    },
  };
}
