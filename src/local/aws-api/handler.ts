// What the local AWS endpoint hands each operation, and what an operation hands back: the
// contract between the wire layer (protocols, signatures, routing: src/local/aws-api/*.ts) and
// the per-service handlers (src/local/aws-api/services/*.ts), which call the account's services.
//
// Handlers work with plain objects named exactly as the service's API model names them (ECR's
// `repositoryNames`, CloudFormation's `StackName`): timestamps as Date, blobs and S3 bodies as
// Buffer. They return the operation's output the same way, and fail by throwing a SlipwayError
// whose code is the AWS error code (`RepositoryNotFoundException`, `ValidationError`, `NoSuchKey`);
// the wire layer turns it into the protocol's error with AWS's HTTP status.
import type { LocalAccount } from '../account/index.js';
import type { PipelineEngine } from '../pipeline/index.js';
import type { LocalRegistry } from '../registry/index.js';

/** Work that goes on after an operation answered (CreateStack, ExecuteChangeSet, StartBuild). */
export interface BackgroundTasks {
  /** Runs `work` after the answer; `up` waits for running tasks (or stops them) when it stops. */
  run(name: string, work: (signal: AbortSignal) => Promise<void>): void;
}

/** Everything one request's handler may use. */
export interface ApiContext {
  account: LocalAccount;
  /** The account's registry, opened whole by `slipway up` (tokens, images, repositories). */
  registry: LocalRegistry;
  /** The request id the answer carries (`x-amzn-RequestId`, `<RequestId>`). */
  requestId: string;
  /** The access key id that signed the request (the account's key, or a session key from AssumeRole). */
  accessKeyId: string;
  /** The signing region of the request. */
  region: string;
  tasks: BackgroundTasks;
  /** The engine that runs this account's pipeline executions (StartPipelineExecution, StopPipelineExecution). */
  engine: PipelineEngine;
  /** The endpoint the request came in on, e.g. `http://127.0.0.1:4610` (for URLs in answers). */
  endpoint: string;
}

/** One operation: its input in, its output out. */
export type OperationHandler = (input: Record<string, unknown>, ctx: ApiContext) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** The operations one service serves, by operation name (`DescribeRepositories`). */
export type ServiceHandlers = Readonly<Record<string, OperationHandler>>;

/** Services by the name their API model has in `src/local/aws-api/models/` (`ecr`, `cloudformation`, ...). */
export type ServiceTable = Readonly<Record<string, ServiceHandlers>>;
