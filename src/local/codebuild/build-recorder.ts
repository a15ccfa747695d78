// Writes one build into the account's records as it runs: the record when it starts, its phase
// as it moves, and its log lines (the CodeBuild log text) in small batches, so that
// `slipway logs --follow` in another process sees the log while the build runs.
import type { Reporter } from '../../reporter.js';
import type { ProcessOwner } from '../state/process-owner.js';
import type { Build } from './build-result.js';
import type { BuildRecords } from './build-records.js';
import { buildArn } from './environment.js';
import type { BuildEvent } from './events.js';
import { formatBuildEvent } from './log-format.js';

/** How long log lines wait before they are written, and how many at most wait. */
const FLUSH_AFTER_MS = 200;
const FLUSH_AT_LINES = 500;

/** What the record of a build needs that its events do not carry. */
export interface RecordingContext {
  records: BuildRecords;
  owner: ProcessOwner;
  region: string;
  accountId: string;
  initiator: string;
  /** Receives every event too (the caller's own reporter). */
  forward: Reporter<BuildEvent>;
  /** Hears the build's id once its record exists. */
  onStarted?: (buildId: string) => void;
}

/** A Reporter that records the build it hears about; `finish` writes the result. */
export class BuildRecorder implements Reporter<BuildEvent> {
  private buildId: string | undefined;
  private pending: { timestamp: number; message: string }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: RecordingContext) {}

  emit(event: BuildEvent): void {
    if (event.type === 'build.started') this.started(event);
    if (event.type === 'phase.started' && this.buildId) this.ctx.records.enterPhase(this.buildId, event.phaseType);
    for (const message of formatBuildEvent(event)) this.pending.push({ timestamp: event.time, message });
    if (this.pending.length >= FLUSH_AT_LINES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS).unref();
    this.ctx.forward.emit(event);
  }

  /** Writes the remaining log lines and the build's final state. */
  finish(build: Build): void {
    this.flush();
    this.ctx.records.finish(build);
  }

  /** Ends the record as FAULT when the build could not run to its end (an exception, not a result). */
  fault(reason: string): void {
    this.flush();
    if (this.buildId) this.ctx.records.fault(this.buildId, reason);
  }

  private started(event: Extract<BuildEvent, { type: 'build.started' }>): void {
    this.buildId = event.buildId;
    this.ctx.records.start({
      id: event.buildId,
      arn: buildArn(this.ctx.region, this.ctx.accountId, event.buildId),
      buildNumber: event.buildNumber,
      projectName: event.projectName,
      startTime: new Date(event.time).toISOString(),
      initiator: this.ctx.initiator,
      buildStatus: 'IN_PROGRESS',
      currentPhase: 'SUBMITTED',
    }, this.ctx.owner);
    this.ctx.onStarted?.(event.buildId);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.buildId || this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.ctx.records.appendLog(this.buildId, lines);
  }
}
