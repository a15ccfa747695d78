// After the stack exists: the one thing AWS makes the user do by hand. A connection created by
// CloudFormation starts PENDING and only the console completes it; until then the pipeline's
// source fails. With --wait, slipway polls until the connection is AVAILABLE and starts the
// pipeline; otherwise it reports the pipeline's first (or latest) execution.
import type { FlowContext } from './flow-context.js';
import { emit } from './flow-context.js';
import { connectionConsoleUrl, type Connection } from './connections.js';

/** The pipeline a stack holds, and what slipway saw of it after deploying. */
export interface PipelineReport {
  name: string;
  connections: (Connection & { consoleUrl?: string })[];
  /** The execution slipway started once the connection was approved. */
  startedExecutionId?: string;
  latestExecution?: { executionId: string; status: string };
}

const CONNECTION_TYPES = new Set(['AWS::CodeStarConnections::Connection', 'AWS::CodeConnections::Connection']);

/** Reports the stack's pipeline and its source connections; undefined when the stack has no pipeline. */
export async function reportPipeline(stackId: string, waitForConnection: boolean, context: FlowContext): Promise<PipelineReport | undefined> {
  const resources = await context.apis.cloudFormation.listStackResources(stackId);
  const name = resources.find((resource) => resource.resourceType === 'AWS::CodePipeline::Pipeline')?.physicalId;
  if (!name) return undefined;
  const arns = new Set(resources.filter((resource) => CONNECTION_TYPES.has(resource.resourceType) && resource.physicalId)
    .map((resource) => resource.physicalId as string));
  for (const arn of await context.apis.pipeline.sourceConnectionArns(name)) arns.add(arn);

  const connections: PipelineReport['connections'] = [];
  let approvedNow = false;
  for (const arn of arns) {
    let connection = await context.apis.connections.getConnection(arn);
    if (connection.status === 'PENDING') {
      emit(context, 'connection.pending', { arn, ...(connection.name ? { name: connection.name } : {}), consoleUrl: connectionConsoleUrl(arn) });
      if (waitForConnection) {
        connection = await waitUntilAvailable(connection, context);
        approvedNow = true;
      }
    }
    connections.push(connection.status === 'AVAILABLE' ? connection : { ...connection, consoleUrl: connectionConsoleUrl(arn) });
  }
  if (approvedNow) {
    // The execution CloudFormation's create started has failed at Source by now; run it again.
    const executionId = await context.apis.pipeline.startExecution(name);
    emit(context, 'pipeline.started', { pipelineName: name, executionId });
    return { name, connections, startedExecutionId: executionId };
  }
  const [latest] = await context.apis.pipeline.listExecutions(name, 1);
  if (!latest) return { name, connections };
  emit(context, 'pipeline.execution', { pipelineName: name, executionId: latest.executionId, status: latest.status });
  return { name, connections, latestExecution: { executionId: latest.executionId, status: latest.status } };
}

// A person is approving it in a browser: there is no point polling faster than this.
const CONNECTION_POLL_MS = 10_000;

async function waitUntilAvailable(connection: Connection, context: FlowContext): Promise<Connection> {
  let current = connection;
  while (current.status !== 'AVAILABLE') {
    if (current.status === 'ERROR') {
      // ERROR connections are retried by AWS; say so and keep waiting (Developer Tools console guide).
      emit(context, 'connection.waiting', { arn: current.arn, status: current.status });
    }
    await context.clock.sleep(Math.max(CONNECTION_POLL_MS, context.poll.intervalMs), context.signal);
    current = await context.apis.connections.getConnection(current.arn);
    if (current.status !== 'AVAILABLE') emit(context, 'connection.waiting', { arn: current.arn, status: current.status });
  }
  emit(context, 'connection.available', { arn: current.arn });
  return current;
}
