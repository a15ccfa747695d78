// What every deploy flow is given: the AWS services behind small interfaces, the clock, the
// reporter, the way to ask the user, and how often to poll. The CLI wires the real ones; tests
// wire moto-backed clients and a stepping clock.
import type { Reporter } from '../reporter.js';
import type { Clock } from './clock.js';
import type { CloudFormationApi } from './cloudformation.js';
import type { PipelineApi } from './codepipeline.js';
import type { ConnectionsApi } from './connections.js';
import type { EcrApi } from './ecr.js';
import type { DeployEvent, DeployEventBody, DeployEventType } from './events.js';
import type { S3Api } from './s3.js';
import type { PollOptions } from './stack-events.js';
import type { StsApi } from './sts.js';

/** One AWS client per service, all built from the same AwsSettings. */
export interface AwsApis {
  cloudFormation: CloudFormationApi;
  pipeline: PipelineApi;
  connections: ConnectionsApi;
  ecr: EcrApi;
  s3: S3Api;
  sts: StsApi;
}

/** A yes/no question for the user; the CLI answers it with --yes, a prompt, or a refusal. */
export interface Question {
  kind: 'execute-change-set' | 'delete-failed-stack' | 'destroy';
  message: string;
}

/** Asks the user; resolves to their answer. */
export type Confirm = (question: Question) => Promise<boolean>;

/** Everything a flow needs besides its request. */
export interface FlowContext {
  apis: AwsApis;
  clock: Clock;
  reporter: Reporter<DeployEvent>;
  confirm: Confirm;
  /** Asks for the value of a NoEcho parameter nobody gave; absent or undefined: not asked. */
  askSecret?: (parameterName: string) => Promise<string | undefined>;
  poll: PollOptions;
  signal?: AbortSignal;
}

/** Emits an event stamped with the flow's clock. */
export function emit<T extends DeployEventType>(context: FlowContext, type: T, body: Omit<DeployEventBody<T>, 'type'>): void {
  context.reporter.emit({ type, ...body, at: context.clock.now().toISOString() } as unknown as DeployEvent);
}
