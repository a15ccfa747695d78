// The pipelines pages' data: the list (each pipeline with its latest execution's status per
// stage) and one pipeline's state. A pipeline's columns follow GetPipelineState: each stage shows
// the newest execution that entered it, so a stage can show an older execution than the one
// before it while a newer execution waits (CodePipeline User Guide, "View pipeline details").
import type { LocalAccount } from '../account/index.js';
import type { ActionExecution, PipelineEngine, PipelineExecution, StageDeclaration, StoredPipeline } from '../pipeline/index.js';
import { executionSummary, type ExecutionSummary } from './execution-views.js';
import { stageViews, type StageView } from './stage-views.js';

/** How far back the pipeline view looks for the execution each stage last ran (GetPipelineState looks at the latest only). */
const STATE_LOOKBACK = 25;

/** A pipeline in the list. */
export interface PipelineListEntry {
  name: string;
  pipelineType: string;
  executionMode: string;
  latest?: ExecutionSummary;
  stages: { stageName: string; status?: string }[];
}

/** Every pipeline, by name, with its latest execution's stages. */
export function pipelineList(account: LocalAccount): PipelineListEntry[] {
  return account.pipelines.list().map((stored) => {
    const [latest] = account.executions.list({ pipelineName: stored.pipeline.name, limit: 1 });
    const runs = latest ? account.executions.actions({ pipelineExecutionId: latest.pipelineExecutionId }) : [];
    const stages = stageViews(stored.pipeline, (stage) => ({ execution: latest, runs: runs.filter((run) => run.stageName === stage.name) }));
    return {
      name: stored.pipeline.name, pipelineType: stored.pipeline.pipelineType, executionMode: stored.pipeline.executionMode,
      ...(latest ? { latest: executionSummary(latest) } : {}),
      stages: stages.map((stage) => ({ stageName: stage.stageName, ...(stage.status ? { status: stage.status } : {}) })),
    };
  });
}

/** One pipeline's page: what it declares and the state of each stage, with its inbound transition as the engine has it. */
export function pipelineState(account: LocalAccount, engine: PipelineEngine, name: string) {
  const stored = account.pipelines.require(name);
  const recent = account.executions.list({ pipelineName: name, limit: STATE_LOOKBACK });
  return {
    name, pipelineType: stored.pipeline.pipelineType, executionMode: stored.pipeline.executionMode, version: stored.version,
    updated: stored.metadata.updated,
    variables: stored.pipeline.variables,
    stages: latestStageViews(account, engine, stored, recent),
  };
}

/** Each stage with the newest of `recent` executions that entered it. */
function latestStageViews(account: LocalAccount, engine: PipelineEngine, stored: StoredPipeline, recent: readonly PipelineExecution[]): StageView[] {
  const cache = new Map<string, ActionExecution[]>();
  const runsOf = (execution: PipelineExecution) => {
    if (!cache.has(execution.pipelineExecutionId)) cache.set(
      execution.pipelineExecutionId, account.executions.actions({ pipelineExecutionId: execution.pipelineExecutionId }),
    );
    return cache.get(execution.pipelineExecutionId)!;
  };
  return stageViews(stored.pipeline, (stage: StageDeclaration) => {
    for (const execution of recent) {
      const runs = runsOf(execution).filter((run) => run.stageName === stage.name);
      if (runs.length > 0) return { execution, runs };
    }
    return { runs: [] };
  }, (stageName) => {
    const { transition, waiting } = engine.inbound(stored.pipeline.name, stageName);
    return { ...transition, ...(waiting.length > 0 ? { waiting } : {}) };
  });
}
