// `slipway runs` as a table: one line per execution, newest first.
import type { PipelineExecution } from '../../local/pipeline/index.js';

function duration(start: string, end: string, running: boolean): string {
  const seconds = Math.max(0, Math.round(((running ? Date.now() : Date.parse(end)) - Date.parse(start)) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** The table's lines, a header first; one line saying so when there are no executions. */
export function executionTable(executions: readonly PipelineExecution[]): string[] {
  if (executions.length === 0) return ['no executions'];
  const rows = executions.map((execution) => [
    execution.pipelineExecutionId,
    execution.pipelineName,
    execution.status,
    execution.trigger.triggerType,
    execution.sourceRevisions.map((revision) => revision.revisionId.slice(0, 7)).join(','),
    execution.startTime.replace('T', ' ').slice(0, 19),
    duration(execution.startTime, execution.lastUpdateTime, execution.status === 'InProgress'),
  ]);
  const header = ['EXECUTION ID', 'PIPELINE', 'STATUS', 'TRIGGER', 'REVISION', 'STARTED (UTC)', 'DURATION'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}
