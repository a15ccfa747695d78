// An execution as the dashboard's API shows it, read until it is as a test expects: the execution
// a commit started, its status, and its actions' latest runs by stage and action.
import { eventually, readApi } from './dashboard-http.js';
import type { Ready } from './dashboard-world.js';

/** An action's latest run in the execution page's data. */
export interface RunView {
  status: string; summary?: string; lastUpdatedBy?: string; errorDetails?: { message: string }; attempts: number;
  pipelineExecutionId: string
}
/** The execution page's data, the parts the control tests read. */
export interface ExecutionView {
  pipelineExecutionId: string;
  status: string;
  statusSummary?: string;
  sourceRevisions: { revisionId: string }[];
  stages: { stageName: string; status?: string; actions: { actionName: string; latest?: RunView }[] }[];
}

/** The execution's page data. */
export function executionView(ready: Ready, id: string): Promise<ExecutionView> {
  return readApi<ExecutionView>(ready, `/executions/${id}`);
}

/** The latest run of `stage`/`action` in the execution, if it ran. */
export function runOf(view: ExecutionView, stage: string, action = stage): RunView | undefined {
  return view.stages.find((one) => one.stageName === stage)?.actions.find((one) => one.actionName === action)?.latest;
}

/** The id of the execution that took `commit`. */
export function executionOfCommit(ready: Ready, commit: string): Promise<string> {
  return eventually(async () => {
    const { executions } = await readApi<{ executions: ExecutionView[] }>(ready, '/pipelines/app/executions');
    return executions.find((one) => one.sourceRevisions.some((revision) => revision.revisionId === commit))?.pipelineExecutionId;
  }, `the execution of ${commit}`);
}

/** Waits until `test` holds for the execution; resolves with it. */
export function executionWhen(ready: Ready, id: string, test: (view: ExecutionView) => boolean, what: string): Promise<ExecutionView> {
  return eventually(async () => {
    const view = await executionView(ready, id);
    return test(view) ? view : undefined;
  }, `${what} (execution ${id})`);
}
