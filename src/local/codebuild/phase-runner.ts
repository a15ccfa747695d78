// Runs one command phase: its commands until the first failure, then its `finally` block; a
// RETRY `on-failure` runs the whole phase again.
import type { PhaseContext } from './build-result.js';
import type { BuildEvent } from './events.js';
import { shouldRetry, type PlannedPhase } from './plan.js';
import type { SessionKeeper } from './session-keeper.js';
import { missingRepositoryHint } from './push-hint.js';

export interface PhaseOutcome {
  failed: boolean;
  halted: boolean;
  contexts: PhaseContext[];
}

export interface PhaseRunContext {
  keeper: SessionKeeper;
  emit: (event: BuildEvent) => void;
  now: () => number;
  /** A hint about a failed command's output besides the missing-repository one (missing-up-hint.ts). */
  hint?: (output: string) => string | undefined;
}

interface BlockOutcome {
  failure?: { command: string; exitCode: number; tail: string };
  halted: boolean;
}

/** The phase context CodeBuild reports for a failed command. */
export function commandErrorContext(command: string, exitCode: number): PhaseContext {
  return { statusCode: 'COMMAND_EXECUTION_ERROR', message: `Error while executing command: ${command}. Reason: exit status ${exitCode}` };
}

async function runBlock(ctx: PhaseRunContext, phase: PlannedPhase, commands: string[]): Promise<BlockOutcome> {
  for (const command of commands) {
    ctx.emit({ type: 'command.started', phaseType: phase.phaseType, command, time: ctx.now() });
    let outcome;
    try {
      outcome = await ctx.keeper.run(command, phase.user);
    } catch (error) {
      const text = (error as Error).message;
      ctx.emit({ type: 'command.output', phaseType: phase.phaseType, text, time: ctx.now() });
      outcome = { exitCode: 1, tail: text, halted: false, shellEnded: true };
    }
    if (outcome.halted) return { halted: true };
    if (outcome.exitCode !== 0) {
      ctx.emit({ type: 'command.failed', phaseType: phase.phaseType, command, exitCode: outcome.exitCode, time: ctx.now() });
      const hint = missingRepositoryHint(command, outcome.tail) ?? ctx.hint?.(outcome.tail);
      if (hint) ctx.emit({ type: 'build.message', level: 'warning', text: hint, time: ctx.now() });
      return { failure: { command, exitCode: outcome.exitCode, tail: outcome.tail }, halted: false };
    }
  }
  return { halted: false };
}

/** Runs a phase to its end (with retries); the caller decides what follows. */
export async function runPhase(ctx: PhaseRunContext, phase: PlannedPhase): Promise<PhaseOutcome> {
  for (let retriesDone = 0; ; retriesDone += 1) {
    const main = await runBlock(ctx, phase, phase.commands);
    if (main.halted) return { failed: true, halted: true, contexts: [] };
    const fin = await runBlock(ctx, phase, phase.finally);
    if (fin.halted) return { failed: true, halted: true, contexts: [] };
    const failure = main.failure ?? fin.failure;
    if (!failure) return { failed: false, halted: false, contexts: [{ statusCode: '', message: '' }] };
    const context = commandErrorContext(failure.command, failure.exitCode);
    if (!shouldRetry(phase.onFailure, retriesDone, `${failure.tail}\n${context.message}`)) {
      return { failed: true, halted: false, contexts: [context] };
    }
    const total = phase.onFailure?.action === 'RETRY' ? phase.onFailure.retries : 0;
    ctx.emit({
      type: 'build.message',
      level: 'warning',
      text: `Phase ${phase.phaseType} failed; retrying it (retry ${retriesDone + 1} of ${total}, on-failure RETRY)`,
      time: ctx.now(),
    });
  }
}
