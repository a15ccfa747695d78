// Plans a build purely: which phases run which commands as which user and how failures move
// the build on (../../../shared/spec/aws-semantics.md §1, "Phase transitions").
import { BUILDSPEC_PHASES, type Buildspec, type BuildspecPhaseName, type OnFailure } from './buildspec.js';
import type { BuildPhaseType } from './build-result.js';

export type CommandPhaseType = 'INSTALL' | 'PRE_BUILD' | 'BUILD' | 'POST_BUILD';

export interface PlannedPhase {
  phaseType: CommandPhaseType;
  commands: string[];
  finally: string[];
  /** `run-as` of the phase, else of the buildspec; undefined: the machine's default user. */
  user?: string;
  onFailure?: OnFailure;
  runtimeVersions: Record<string, string>;
}

export interface BuildPlan {
  /** 0.2: one shell session for the whole build; 0.1: a fresh shell per command. */
  sessionPerBuild: boolean;
  shell?: string;
  phases: PlannedPhase[];
  exportedVariables: string[];
}

const PHASE_TYPES: Record<BuildspecPhaseName, CommandPhaseType> = {
  install: 'INSTALL',
  pre_build: 'PRE_BUILD',
  build: 'BUILD',
  post_build: 'POST_BUILD',
};

/** Turns a buildspec into the phases to run, in order (empty phases still run and succeed). */
export function planBuild(spec: Buildspec): BuildPlan {
  const phases = BUILDSPEC_PHASES.map((name): PlannedPhase => {
    const phase = spec.phases[name];
    const planned: PlannedPhase = {
      phaseType: PHASE_TYPES[name],
      commands: phase?.commands ?? [],
      finally: phase?.finally ?? [],
      runtimeVersions: phase?.runtimeVersions ?? {},
    };
    const user = phase?.runAs ?? spec.runAs;
    if (user !== undefined) planned.user = user;
    if (phase?.onFailure) planned.onFailure = phase.onFailure;
    return planned;
  });
  const plan: BuildPlan = { sessionPerBuild: spec.version === '0.2', phases, exportedVariables: spec.env.exportedVariables };
  if (spec.env.shell !== undefined) plan.shell = spec.env.shell;
  return plan;
}

/** The planned phase of a type, looked up by type rather than by position. */
export function plannedPhase(plan: BuildPlan, phaseType: CommandPhaseType): PlannedPhase | undefined {
  return plan.phases.find((phase) => phase.phaseType === phaseType);
}

/**
 * The phase that follows a command phase. Without `on-failure`: an INSTALL or PRE_BUILD
 * failure goes to FINALIZING; a BUILD failure still runs POST_BUILD; a POST_BUILD failure
 * still uploads artifacts (AWS: "UPLOAD_ARTIFACTS is always attempted, even if BUILD fails").
 * `ABORT` ends the build at once; `CONTINUE` goes on to the next phase. RETRY, once its tries
 * are used up, falls back to the default.
 */
export function phaseAfter(phase: CommandPhaseType, failed: boolean, onFailure?: OnFailure): BuildPhaseType {
  const next: Record<CommandPhaseType, BuildPhaseType> = {
    INSTALL: 'PRE_BUILD',
    PRE_BUILD: 'BUILD',
    BUILD: 'POST_BUILD',
    POST_BUILD: 'UPLOAD_ARTIFACTS',
  };
  if (!failed) return next[phase];
  if (onFailure?.action === 'ABORT') return 'FINALIZING';
  if (onFailure?.action === 'CONTINUE') return next[phase];
  return phase === 'INSTALL' || phase === 'PRE_BUILD' ? 'FINALIZING' : next[phase];
}

/** Whether a failed phase should be tried again under RETRY, given the tries so far. */
export function shouldRetry(onFailure: OnFailure | undefined, retriesDone: number, errorText: string): boolean {
  if (onFailure?.action !== 'RETRY' || retriesDone >= onFailure.retries) return false;
  return onFailure.pattern === undefined || new RegExp(onFailure.pattern).test(errorText);
}
