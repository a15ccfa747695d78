// What the pipeline engine reports while executions run; the CLI (and later the dashboard)
// renders these, the engine never prints.
import type { ActionStatus, ExecutionStatus, ExecutionTrigger } from './execution-model.js';

export type PipelineEvent =
  | { type: 'execution.started'; pipelineName: string; pipelineExecutionId: string; trigger: ExecutionTrigger }
  | { type: 'stage.started'; pipelineName: string; pipelineExecutionId: string; stageName: string }
  | { type: 'action.started'; pipelineName: string; pipelineExecutionId: string; stageName: string; actionName: string; provider: string }
  | { type: 'action.message'; pipelineName: string; pipelineExecutionId: string; actionName: string; text: string }
  | { type: 'action.finished'; pipelineName: string; pipelineExecutionId: string; stageName: string; actionName: string; status: ActionStatus; summary?: string }
  | { type: 'stage.finished'; pipelineName: string; pipelineExecutionId: string; stageName: string; status: 'Succeeded' | 'Failed' }
  | { type: 'execution.finished'; pipelineName: string; pipelineExecutionId: string; status: ExecutionStatus; statusSummary?: string };
