// The CodePipeline calls slipway makes: the state of a pipeline, its latest executions, starting
// one, and the connection its source reads from.
import {
  CodePipelineClient,
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { callAws } from './aws-errors.js';
import { clientConfig, type AwsSettings } from './aws-settings.js';

/** A stage of a pipeline and how its latest execution went. */
export interface StageState {
  name: string;
  status?: string;
  executionId?: string;
  actions: { name: string; status?: string; summary?: string; errorMessage?: string }[];
}

/** One pipeline execution as ListPipelineExecutions reports it. */
export interface PipelineExecution {
  executionId: string;
  status: string;
  startTime?: Date;
  trigger?: string;
  sourceRevisions: { actionName: string; revisionId?: string; summary?: string }[];
}

/** The CodePipeline operations the flows use. */
export interface PipelineApi {
  getPipelineState(name: string): Promise<{ stages: StageState[]; version?: number }>;
  listExecutions(name: string, maxResults: number): Promise<PipelineExecution[]>;
  startExecution(name: string): Promise<string>;
  /** ConnectionArn of the pipeline's CodeStarSourceConnection source actions. */
  sourceConnectionArns(name: string): Promise<string[]>;
}

/** The AWS SDK v3 implementation of PipelineApi. */
export class SdkPipeline implements PipelineApi {
  private readonly client: CodePipelineClient;

  constructor(settings: AwsSettings) {
    this.client = new CodePipelineClient(clientConfig(settings));
  }

  async getPipelineState(name: string): Promise<{ stages: StageState[]; version?: number }> {
    const answer = await callAws({ action: 'codepipeline:GetPipelineState' }, () => this.client.send(new GetPipelineStateCommand({ name })));
    return {
      ...(answer.pipelineVersion !== undefined ? { version: answer.pipelineVersion } : {}),
      stages: (answer.stageStates ?? []).map((stage) => ({
        name: stage.stageName ?? '',
        ...(stage.latestExecution?.status ? { status: stage.latestExecution.status } : {}),
        ...(stage.latestExecution?.pipelineExecutionId ? { executionId: stage.latestExecution.pipelineExecutionId } : {}),
        actions: (stage.actionStates ?? []).map((action) => ({
          name: action.actionName ?? '',
          ...(action.latestExecution?.status ? { status: action.latestExecution.status } : {}),
          ...(action.latestExecution?.summary ? { summary: action.latestExecution.summary } : {}),
          ...(action.latestExecution?.errorDetails?.message ? { errorMessage: action.latestExecution.errorDetails.message } : {}),
        })),
      })),
    };
  }

  async listExecutions(name: string, maxResults: number): Promise<PipelineExecution[]> {
    const answer = await callAws({ action: 'codepipeline:ListPipelineExecutions' }, () =>
      this.client.send(new ListPipelineExecutionsCommand({ pipelineName: name, maxResults })),
    );
    return (answer.pipelineExecutionSummaries ?? []).map((summary) => ({
      executionId: summary.pipelineExecutionId ?? '',
      status: summary.status ?? 'Unknown',
      ...(summary.startTime ? { startTime: summary.startTime } : {}),
      ...(summary.trigger?.triggerType ? { trigger: summary.trigger.triggerType } : {}),
      sourceRevisions: (summary.sourceRevisions ?? []).map((revision) => ({
        actionName: revision.actionName ?? '',
        ...(revision.revisionId ? { revisionId: revision.revisionId } : {}),
        ...(revision.revisionSummary ? { summary: revision.revisionSummary } : {}),
      })),
    }));
  }

  async startExecution(name: string): Promise<string> {
    const answer = await callAws({ action: 'codepipeline:StartPipelineExecution' }, () => this.client.send(new StartPipelineExecutionCommand({ name })));
    return answer.pipelineExecutionId ?? '';
  }

  async sourceConnectionArns(name: string): Promise<string[]> {
    const answer = await callAws({ action: 'codepipeline:GetPipeline' }, () => this.client.send(new GetPipelineCommand({ name })));
    const arns = (answer.pipeline?.stages ?? [])
      .flatMap((stage) => stage.actions ?? [])
      .filter((action) => action.actionTypeId?.provider === 'CodeStarSourceConnection')
      .map((action) => action.configuration?.ConnectionArn)
      .filter((arn): arn is string => typeof arn === 'string' && arn.length > 0);
    return [...new Set(arns)];
  }
}
