// Records the build's phases as CodeBuild lists them (phaseType, phaseStatus, times, contexts)
// and reports each start and end.
import type { BuildPhase, BuildPhaseType, PhaseContext, PhaseStatus } from './build-result.js';
import type { BuildEvent } from './events.js';

/** The list of phases of one build, as it grows. */
export class PhaseRecorder {
  readonly phases: BuildPhase[] = [];
  private startedAt = 0;

  constructor(
    private readonly emit: (event: BuildEvent) => void,
    private readonly now: () => number,
  ) {}

  get current(): BuildPhaseType {
    return this.phases[this.phases.length - 1]?.phaseType ?? 'SUBMITTED';
  }

  start(phaseType: BuildPhaseType): void {
    this.startedAt = this.now();
    this.phases.push({ phaseType, startTime: new Date(this.startedAt).toISOString() });
    if (phaseType !== 'COMPLETED') this.emit({ type: 'phase.started', phaseType, time: this.startedAt });
  }

  finish(phaseStatus: PhaseStatus, contexts: PhaseContext[] = [{ statusCode: '', message: '' }]): void {
    const phase = this.phases[this.phases.length - 1];
    if (!phase) return;
    const end = this.now();
    phase.phaseStatus = phaseStatus;
    phase.endTime = new Date(end).toISOString();
    phase.durationInSeconds = Math.round((end - this.startedAt) / 1000);
    phase.contexts = contexts;
    this.emit({
      type: 'phase.finished',
      phaseType: phase.phaseType,
      phaseStatus,
      durationInSeconds: phase.durationInSeconds,
      contexts,
      time: end,
    });
  }

  /** A phase that starts and ends at once (SUBMITTED, QUEUED). */
  instant(phaseType: BuildPhaseType): void {
    this.start(phaseType);
    this.finish('SUCCEEDED', []);
  }
}
