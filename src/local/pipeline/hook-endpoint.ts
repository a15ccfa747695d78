// What `slipway hook` (a Git hook in a repository that `up` does not run in) tells the running
// `up`, at `/webhooks/hook`: "this repository's refs changed", as `{"repository": "<path>"}`
// signed like a GitHub delivery with the home's hook secret (only processes that can read the
// home have it). `up` then checks the source actions that read that repository, as a file-system
// event would; a repeated call finds nothing new, so replays need no bookkeeping.
import type { IncomingHttpHeaders } from 'node:http';
import type { DeliveryAnswer } from './codepipeline-webhook.js';
import type { SourceWatch } from './source-watch.js';
import type { StateDatabase } from '../state/index.js';
import { triggerSecret } from './trigger-secrets.js';
import { checkSignature, signBody } from './webhook-signature.js';

/** The header and body of a hook call for `repository`, signed with the home's hook secret. */
export function hookCall(db: StateDatabase, repository: string): { body: string; signature: string } {
  const body = JSON.stringify({ repository });
  return { body, signature: signBody(body, triggerSecret(db, 'hook')) };
}

/** One hook call. */
export async function receiveHookCall(db: StateDatabase, sources: SourceWatch, headers: IncomingHttpHeaders, body: Buffer): Promise<DeliveryAnswer> {
  const signature = checkSignature(headers, body, triggerSecret(db, 'hook'));
  if (signature !== 'valid') return { refusal: { status: 401, message: `the hook call is ${signature === 'missing' ? 'not signed' : 'signed with another secret'}` } };
  let repository: unknown;
  try {
    repository = (JSON.parse(body.toString('utf8')) as { repository?: unknown }).repository;
  } catch {
    return { refusal: { status: 400, message: 'the body is not JSON' } };
  }
  if (typeof repository !== 'string') return { refusal: { status: 400, message: 'the body names no repository' } };
  const started = await sources.checkRepository(repository);
  return {
    status: 200, message: started.length === 0 ? 'nothing new to start' : `started ${started.length}`,
    outcomes: started.map((execution) => ({ pipeline: execution.pipelineName, action: execution.trigger.triggerDetail?.split('@')[0] ?? '', started: true, pipelineExecutionId: execution.pipelineExecutionId })),
  };
}
