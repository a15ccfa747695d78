// `slipway status`: the stack, its pipeline's stages and latest executions, the newest images in
// its repository, and its source connection. Each part is read on its own, so one missing
// permission (or an endpoint that lacks one API) leaves the other parts intact.
import { SlipwayError } from '../errors.js';
import type { StackResource } from './cloudformation.js';
import type { Connection } from './connections.js';
import { connectionConsoleUrl } from './connections.js';
import type { PipelineExecution, StageState } from './codepipeline.js';
import type { RepositoryImage } from './ecr.js';
import type { FlowContext } from './flow-context.js';

/** A part of the status that could not be read, and why. */
export interface Unavailable {
  error: { code: string; message: string };
}

/** Everything `slipway status` reports. */
export interface StatusReport {
  stackName: string;
  stack?: { stackId: string; status: string; statusReason?: string; outputs: Record<string, string> };
  pipeline?: { name: string; stages: StageState[]; executions: PipelineExecution[] } | ({ name: string } & Unavailable);
  repository?: { name: string; images: RepositoryImage[] } | ({ name: string } & Unavailable);
  connections: ((Connection & { consoleUrl?: string }) | ({ arn: string } & Unavailable))[];
}

/** How many executions and images to show. */
export const STATUS_LIMITS = { executions: 5, images: 5 };

/** Reads the status of a deployed stack; a missing stack is a report without `stack`. */
export async function status(stackName: string, context: Pick<FlowContext, 'apis'>): Promise<StatusReport> {
  const { cloudFormation } = context.apis;
  const stack = await cloudFormation.describeStack(stackName);
  if (!stack) return { stackName, connections: [] };
  const report: StatusReport = {
    stackName,
    stack: { stackId: stack.stackId, status: stack.status, ...(stack.statusReason ? { statusReason: stack.statusReason } : {}), outputs: stack.outputs },
    connections: [],
  };
  // A CREATE change set made the stack and nobody executed it: no resources to list yet
  // (REVIEW_IN_PROGRESS, "Stack status codes"), and endpoints may refuse to list them.
  if (stack.status === 'REVIEW_IN_PROGRESS') return report;
  const resources = await cloudFormation.listStackResources(stack.stackId);
  const pipelineName = physicalIdOf(resources, 'AWS::CodePipeline::Pipeline');
  if (pipelineName) report.pipeline = await readPart(pipelineName, () => readPipeline(pipelineName, context));
  const repositoryName = physicalIdOf(resources, 'AWS::ECR::Repository');
  if (repositoryName) {
    report.repository = await readPart(repositoryName, async () => ({
      name: repositoryName,
      images: ((await context.apis.ecr.listImages(repositoryName)) ?? []).slice(0, STATUS_LIMITS.images),
    }));
  }
  for (const arn of await connectionArns(resources, pipelineName, context)) {
    const connection = await readPart(arn, () => context.apis.connections.getConnection(arn), 'arn');
    report.connections.push('status' in connection && connection.status !== 'AVAILABLE' ? { ...connection, consoleUrl: connectionConsoleUrl(arn) } : connection);
  }
  return report;
}

async function readPipeline(name: string, context: Pick<FlowContext, 'apis'>) {
  const state = await context.apis.pipeline.getPipelineState(name);
  const executions = await context.apis.pipeline.listExecutions(name, STATUS_LIMITS.executions);
  return { name, stages: state.stages, executions };
}

async function connectionArns(resources: StackResource[], pipelineName: string | undefined, context: Pick<FlowContext, 'apis'>): Promise<string[]> {
  const arns = new Set(
    resources
      .filter((r) => (r.resourceType === 'AWS::CodeStarConnections::Connection' || r.resourceType === 'AWS::CodeConnections::Connection') && r.physicalId)
      .map((r) => r.physicalId as string),
  );
  if (pipelineName) {
    try {
      for (const arn of await context.apis.pipeline.sourceConnectionArns(pipelineName)) arns.add(arn);
    } catch {
      // The pipeline part already reports why the pipeline cannot be read.
    }
  }
  return [...arns];
}

function physicalIdOf(resources: StackResource[], type: string): string | undefined {
  return resources.find((resource) => resource.resourceType === type && resource.status !== 'DELETE_COMPLETE')?.physicalId;
}

/** Reads one part; an expected failure becomes that part's `error` instead of failing the report. */
async function readPart<T, K extends 'name' | 'arn' = 'name'>(name: string, read: () => Promise<T>, key?: K): Promise<T | (Record<K, string> & Unavailable)> {
  try {
    return await read();
  } catch (error) {
    // Missing credentials stop the whole report; anything else AWS says is this part's answer.
    if (!(error instanceof SlipwayError) || (error.kind === 'environment' && error.code !== 'AwsAccessDenied')) throw error;
    return { [key ?? 'name']: name, error: { code: error.code, message: error.message } } as unknown as Record<K, string> & Unavailable;
  }
}
