// Keeps the build's shell: one session for a 0.2 build, restarted from its last state when a
// command ends it (`exit N`) or when `run-as` switches user; a fresh shell per command in 0.1.
import { randomUUID } from 'node:crypto';
import { printAsDoubleQuoted } from './double-quoted.js';
import type { BuildMachine } from './runtime.js';
import { ShellSession, shellQuote, type CommandOutcome, type ShellSnapshot } from './shell-session.js';

export interface KeeperOptions {
  machine: BuildMachine;
  shell: string;
  sourceDir: string;
  sessionPerBuild: boolean;
  /** Folders put first on PATH: slipway's build commands, the mounted docker CLI. */
  path: string[];
  /** The variables every new shell starts with (built-ins, buildspec, project, overrides). */
  environment: () => Record<string, string>;
  onLine: (line: string) => void;
  /** Where to cut a long output line so that no secret is cut in two. */
  safeCut?: (text: string, at: number, final: boolean) => number;
  halt: AbortSignal;
}

/** A buildspec string's value, or why the shell could not evaluate it (its stderr). */
export type Evaluation = { ok: true; value: string } | { ok: false; error: string };

/** Runs commands in the right shell for the buildspec version and the phase's user. */
export class SessionKeeper {
  private session: ShellSession | undefined;
  private user: string | undefined;
  private snapshot: ShellSnapshot | undefined;

  constructor(private readonly options: KeeperOptions) {}

  private async open(user: string | undefined): Promise<ShellSession> {
    const { machine, shell, sourceDir, path, onLine, safeCut, halt } = this.options;
    const restore = this.options.sessionPerBuild ? this.snapshot : undefined;
    const environment = this.options.environment();
    const session = await ShellSession.open({
      machine,
      shell,
      user,
      cwd: sourceDir,
      path,
      // A restored shell keeps what the commands changed; only the build's status is current.
      environment: restore ? { CODEBUILD_BUILD_SUCCEEDING: environment.CODEBUILD_BUILD_SUCCEEDING ?? '1' } : environment,
      restore,
      onLine,
      safeCut,
      halt,
    });
    this.session = session;
    this.user = user;
    return session;
  }

  /** The live session for a user, switching (with state carried over) when the user changes. */
  async sessionFor(user: string | undefined): Promise<ShellSession> {
    if (this.session?.alive && this.user === user) return this.session;
    if (this.session?.alive) {
      this.snapshot = (await this.session.snapshot()) ?? this.snapshot;
      this.session.close();
    }
    return this.open(user);
  }

  /** Runs one command; in 0.1 in a fresh shell that is closed afterwards. */
  async run(command: string, user: string | undefined): Promise<CommandOutcome> {
    if (!this.options.sessionPerBuild) {
      const fresh = await this.open(user);
      const outcome = await fresh.run(command);
      fresh.close();
      this.session = undefined;
      return { ...outcome, shellEnded: false };
    }
    const session = await this.sessionFor(user);
    const outcome = await session.run(command);
    if (outcome.shellEnded) {
      // The command ended the shell (`exit N`): the next command starts from the state the
      // shell printed on its way out, or from the last one known.
      this.snapshot = session.lastSnapshot ?? this.snapshot;
      session.close();
      this.session = undefined;
    }
    return outcome;
  }

  /** Sets a variable in the live session (CODEBUILD_BUILD_SUCCEEDING=0 once failing). */
  async export(name: string, value: string): Promise<void> {
    if (this.options.sessionPerBuild && this.session?.alive) await this.session.capture(`export ${name}='${value}'`);
  }

  /** Evaluates shell text (artifact names, exported variables) in the build's current state. */
  async capture(script: string, user: string | undefined): Promise<string> {
    const session = this.options.sessionPerBuild ? await this.sessionFor(user) : await this.open(user);
    const { output } = await session.capture(script);
    if (!this.options.sessionPerBuild) this.close();
    return output;
  }

  /**
   * A buildspec string as the build's shell reads it between double quotes (`$VAR` and
   * `$(command)` expand, quotes inside `$( )` work, a bare `"` is a literal), as CodeBuild does
   * for artifact names and cache keys. The expansion runs in a subshell (a syntax error cannot end
   * the build's shell); what it prints on stderr goes to the build log, never into the value. A
   * non-zero status (a syntax error, `${X?}` unset) is a failed evaluation, with its stderr.
   */
  async evaluate(text: string, user: string | undefined): Promise<Evaluation> {
    const mark = `__slipway_value_${randomUUID()}__`;
    let output: string;
    try {
      output = await this.capture(evaluationScript(text, mark), user);
    } catch (error) {
      // The shell could not be started, e.g. for a run-as user who does not exist: the phases
      // report that in their own words.
      return { ok: false, error: (error as Error).message };
    }
    const at = output.indexOf(mark);
    const stderr = (at < 0 ? output : output.slice(0, at)).replace(/\n$/, '');
    const rest = at < 0 ? '' : output.slice(at + mark.length + 1);
    const status = Number(rest.slice(0, rest.indexOf(' ')));
    if (at < 0 || status !== 0) return { ok: false, error: stderr.trim() || `the shell ended with status ${at < 0 ? 'unknown' : status}` };
    if (stderr !== '') for (const line of stderr.split('\n')) this.options.onLine(line);
    // The here-document ends its text with one newline of its own.
    return { ok: true, value: rest.slice(rest.indexOf(' ') + 1).replace(/\n$/, '') };
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }
}

/** Prints `<mark> <status> <value>` after whatever the expansion wrote on stderr. */
function evaluationScript(text: string, mark: string): string {
  return [
    `__slipway_text=${shellQuote(printAsDoubleQuoted(text))}`,
    // `printf x` keeps the value's trailing newlines from `$( )`, which would drop them.
    // `|| ` keeps a failure from ending the build's shell when a command has run `set -e`.
    `__slipway_status=0; __slipway_value=$(eval "$__slipway_text" && printf x) || __slipway_status=$?`,
    `printf '%s %s %s' '${mark}' "$__slipway_status" "\${__slipway_value%x}"`,
    'unset __slipway_text __slipway_value __slipway_status',
  ].join('\n');
}
