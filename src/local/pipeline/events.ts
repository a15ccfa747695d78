// What the pipeline engine reports while executions run; the CLI (and later the dashboard)
// renders these, the engine never prints.
import type { ActionStatus, ConditionKind, ExecutionStatus, ExecutionTrigger, StageStatus } from './execution-model.js';

export type PipelineEvent =
  | { type: 'execution.started'; pipelineName: string; pipelineExecutionId: string; trigger: ExecutionTrigger }
  | { type: 'execution.resumed'; pipelineName: string; pipelineExecutionId: string; stageName: string; retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS' }
  | { type: 'execution.stopping'; pipelineName: string; pipelineExecutionId: string; abandon: boolean; reason?: string }
  | { type: 'stage.waiting'; pipelineName: string; pipelineExecutionId: string; stageName: string; reason?: string }
  | { type: 'stage.started'; pipelineName: string; pipelineExecutionId: string; stageName: string }
  | { type: 'condition.checked'; pipelineName: string; pipelineExecutionId: string; stageName: string; kind: ConditionKind; status: 'Succeeded' | 'Failed' | 'Errored'; result?: string; summary: string }
  | { type: 'action.started'; pipelineName: string; pipelineExecutionId: string; stageName: string; actionName: string; provider: string }
  | { type: 'action.message'; pipelineName: string; pipelineExecutionId: string; actionName: string; text: string }
  | { type: 'action.finished'; pipelineName: string; pipelineExecutionId: string; stageName: string; actionName: string; status: ActionStatus; summary?: string }
  | { type: 'stage.finished'; pipelineName: string; pipelineExecutionId: string; stageName: string; status: StageStatus }
  | { type: 'execution.finished'; pipelineName: string; pipelineExecutionId: string; status: ExecutionStatus; statusSummary?: string };
