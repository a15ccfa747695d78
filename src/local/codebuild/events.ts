// The typed events one build reports; the CLI renders them as CodeBuild-style log lines or NDJSON.
import type { BuildPhaseType, PhaseContext, PhaseStatus, BuildStatus } from './build-result.js';

export type BuildEvent =
  | { type: 'build.started'; buildId: string; buildNumber: number; projectName: string; time: number }
  /** A line from the build agent itself (which machine ran, warnings, retries). */
  | { type: 'build.message'; level: 'info' | 'warning'; text: string; time: number }
  | { type: 'phase.started'; phaseType: BuildPhaseType; time: number }
  | { type: 'command.started'; phaseType: BuildPhaseType; command: string; time: number }
  /** One line a command printed (stdout and stderr merged, masked, without its newline). */
  | { type: 'command.output'; phaseType: BuildPhaseType; text: string; time: number }
  | { type: 'command.failed'; phaseType: BuildPhaseType; command: string; exitCode: number; time: number }
  | {
      type: 'phase.finished';
      phaseType: BuildPhaseType;
      phaseStatus: PhaseStatus;
      durationInSeconds: number;
      contexts: PhaseContext[];
      time: number;
    }
  | { type: 'build.finished'; buildStatus: BuildStatus; time: number };
