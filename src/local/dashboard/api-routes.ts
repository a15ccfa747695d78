// The dashboard's JSON API, by path: what each page reads, and the changes its buttons ask for
// (each a POST with a JSON body, through pipeline-controls.ts). A name in a path is one segment,
// percent-encoded by the page (repository names may hold slashes).
import type { LocalAccount } from '../account/index.js';
import type { PipelineEngine } from '../pipeline/index.js';
import type { LocalRegistry } from '../registry/index.js';
import { SlipwayError } from '../../errors.js';
import { buildDetail, logPage, MAX_LOG_PAGE } from './build-views.js';
import { approvalInput, retryInput, startVariables, stopInput, transitionInput } from './control-inputs.js';
import { executionDetail, executionHistory } from './execution-views.js';
import type { PhaseLines } from './phase-lines.js';
import type { PipelineControls } from './pipeline-controls.js';
import { pipelineList, pipelineState } from './pipeline-views.js';
import { repositoryDetail, repositoryList } from './registry-views.js';
import { stackDetail, stackList } from './stack-views.js';

/** What the API's handlers work with. */
export interface ApiParts {
  account: LocalAccount;
  registry: LocalRegistry;
  engine: PipelineEngine;
  phases: PhaseLines;
  controls: PipelineControls;
}

type Read = (parts: ApiParts, params: string[], query: URLSearchParams) => unknown;
type Change = (parts: ApiParts, params: string[], body: Record<string, unknown>) => Promise<unknown>;

/** How many executions the history lists unless the page asks for another number (ListPipelineExecutions' default is 100). */
const HISTORY_DEFAULT = 50;

/** A whole number from the query, `fallback` when absent or not one, kept within [min, max]. */
function integer(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = Number(query.get(name) ?? fallback);
  return Number.isInteger(value) ? Math.min(Math.max(value, min), max) : fallback;
}

/** GET /api/… */
export const READS: [RegExp, Read][] = [
  [/^\/api\/overview$/, ({ account, registry, controls }) => ({
    accountId: account.settings.accountId, region: account.settings.region, registryHost: registry.address?.registryHost, controls: controls.available(),
  })],
  [/^\/api\/pipelines$/, ({ account }) => ({ pipelines: pipelineList(account) })],
  [/^\/api\/pipelines\/([^/]+)$/, ({ account, engine }, [name]) => pipelineState(account, engine, name!)],
  [/^\/api\/pipelines\/([^/]+)\/executions$/, ({ account }, [name], query) => ({ executions: executionHistory(account, name!, integer(query, 'limit', HISTORY_DEFAULT, 1, 1000)) })],
  [/^\/api\/executions\/([^/]+)$/, ({ account }, [id]) => executionDetail(account, id!)],
  [/^\/api\/builds\/([^/]+)$/, ({ account, phases }, [id]) => buildDetail(account, phases, id!)],
  [/^\/api\/builds\/([^/]+)\/log$/, ({ account }, [id], query) => logPage(account, id!, integer(query, 'after', 0, 0, Number.MAX_SAFE_INTEGER), integer(query, 'limit', 500, 1, MAX_LOG_PAGE))],
  [/^\/api\/registry$/, ({ registry }) => ({ repositories: repositoryList(registry) })],
  [/^\/api\/registry\/([^/]+)$/, ({ registry }, [name]) => repositoryDetail(registry, name!)],
  [/^\/api\/stacks$/, ({ account }) => ({ stacks: stackList(account) })],
  [/^\/api\/stacks\/([^/]+)$/, ({ account }, [name]) => stackDetail(account, name!)],
];

/** POST /api/… */
export const CHANGES: [RegExp, Change][] = [
  [/^\/api\/pipelines\/([^/]+)\/start$/, ({ controls }, [name], body) => controls.start(name!, startVariables(body))],
  [/^\/api\/executions\/([^/]+)\/stop$/, ({ controls }, [id], body) => controls.stop(stopInput(id!, body))],
  [/^\/api\/executions\/([^/]+)\/retry$/, ({ controls }, [id], body) => controls.retry(retryInput(id!, body))],
  [/^\/api\/executions\/([^/]+)\/approval$/, ({ controls }, [id], body) => controls.answerApproval(approvalInput(id!, body))],
  [/^\/api\/pipelines\/([^/]+)\/transitions$/, ({ controls }, [name], body) => controls.setTransition(transitionInput(name!, body))],
];

/** The handler of `path` in `table` and its decoded parameters, if one serves it. */
export function routeOf<H>(table: [RegExp, H][], path: string): { handler: H; params: string[] } | undefined {
  for (const [pattern, handler] of table) {
    const match = pattern.exec(path);
    if (match) return { handler, params: match.slice(1).map((param) => decodedSegment(param, path)) };
  }
  return undefined;
}

/** A percent-encoded path segment, decoded; a malformed one is the request's fault. */
export function decodedSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SlipwayError('InvalidPath', `the path ${path} is not percent-encoded correctly`);
  }
}
