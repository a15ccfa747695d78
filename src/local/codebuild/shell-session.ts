// One long-lived shell that runs a buildspec's commands one after another (buildspec 0.2: the
// working directory and variables carry over between commands and phases).
//
// Protocol: the shell reads its script from stdin; slipway writes one command at a time as
// `{ eval "$cmd"; } </dev/null` followed by a line printing a random token and the status, and
// reads stdout (stderr is merged into it) up to that token. Commands get /dev/null as stdin, so
// they cannot eat the protocol. A command that runs `exit N` ends the shell. On CodeBuild that
// command then has status N: with N != 0 it is the phase's first failing command, so the rest of
// the phase's `commands` are skipped and `finally` runs (aws-semantics §1); `exit 0` is a
// success and the next command runs. Either way a shell is needed afterwards, so the session
// traps EXIT, prints its variables and working directory, and slipway starts a new shell from them.
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { BuildMachine, ShellProcess } from './runtime.js';

/** The state a shell can be restarted from: its variables (shell text) and working directory. */
export interface ShellSnapshot {
  exports: string;
  cwd: string;
}

export interface CommandOutcome {
  exitCode: number;
  /** The last lines the command printed (for RETRY-<regex>). */
  tail: string;
  /** True when the command ended the shell (e.g. `exit 3`); the caller restarts it. */
  shellEnded: boolean;
  /** True when the halt signal (stop or timeout) ended the command. */
  halted: boolean;
}

export interface SessionOptions {
  machine: BuildMachine;
  shell: string;
  user?: string;
  cwd: string;
  /** Folders put first on PATH in a new shell (a restored one keeps its own PATH). */
  path: string[];
  /** Variables exported before the first command; set literally (no expansion). */
  environment: Record<string, string>;
  /** Restores a previous shell's state (after `exit`, or when `run-as` changes). */
  restore?: ShellSnapshot;
  /** Receives each complete output line (a long one in pieces of LINE_PIECE characters). */
  onLine: (line: string) => void;
  /**
   * Where to cut a long line at or after a position so that no secret is cut in two; -1 (only
   * when `final` is false, more of the line to come) to wait for more (Masker.safeCut).
   */
  safeCut?: (text: string, at: number, final: boolean) => number;
  halt: AbortSignal;
}

const TAIL_LIMIT = 8192;
/**
 * Output lines longer than this are cut into pieces of this many characters (docs/local-codebuild.md):
 * one line without newlines must not cost memory or time beyond its size. Our choice; a piece
 * stays well under CloudWatch Logs' 256 KB event limit, where CodeBuild's lines end up.
 */
export const LINE_PIECE = 65_536;
const SNAPSHOT_MARK = 'SNAPSHOT\n';
const OUTPUT_GRACE_MS = 500;

/** Quotes a value for POSIX sh as one literal word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell session speaking the token protocol over a ShellProcess. */
export class ShellSession {
  private readonly token = `__slipway_${randomBytes(8).toString('hex')}__`;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** Where the next search for the token starts in `pending` (everything before was searched). */
  private scanFrom = 0;
  private cwdScanFrom = 0;
  private ended = false;
  private exitStatus = 0;
  private waiter: (() => void) | undefined;
  private capturing: string[] | undefined;
  private tail = '';
  /** True while a helper script runs: its output is not logged. */
  private quiet = false;
  /** The status the current command ended with, once its token is read. */
  private done: number | undefined;
  /** The snapshot the shell printed when it ended, if it did. */
  lastSnapshot: ShellSnapshot | undefined;

  private constructor(
    private readonly process: ShellProcess,
    private readonly options: SessionOptions,
  ) {
    const onData = (chunk: Buffer) => {
      this.pending += this.decoder.write(chunk);
      this.drain();
    };
    process.stdout.on('data', onData);
    process.stderr.on('data', onData);
    process.stdin.on('error', () => {});
    // 'exit' can come before the last output is read: wait for the end of stdout (what the
    // EXIT trap printed), but not for long, since a background process may keep it open.
    const outputEnded = new Promise<void>((resolve) => process.stdout.once('end', resolve).once('close', resolve));
    void process.exited.then(async (status) => {
      await Promise.race([outputEnded, new Promise((resolve) => setTimeout(resolve, OUTPUT_GRACE_MS))]);
      this.exitStatus = status;
      this.ended = true;
      this.pending += this.decoder.end();
      this.drain();
      this.wake();
    });
  }

  /** Starts a shell on the machine, sets the environment and working directory, restores state. */
  static async open(options: SessionOptions): Promise<ShellSession> {
    const process = await options.machine.startShell({ shell: options.shell, user: options.user, cwd: options.cwd });
    const session = new ShellSession(process, options);
    const ready = await session.send(session.bootstrap(), true);
    if (ready.exitCode !== 0 || ready.shellEnded) {
      session.close();
      throw new Error(`the build shell "${options.shell}" did not start (status ${ready.exitCode}): ${ready.tail.trim()}`);
    }
    return session;
  }

  private bootstrap(): string {
    const t = this.token;
    const lines: string[] = [];
    // Restore first, so the helpers defined below replace any restored from the old shell;
    // at top level (in a `{ }` group the first read-only variable would abort the rest), with
    // errors about read-only variables (UID, PPID, ...) silenced.
    if (this.options.restore) lines.push('exec 2>/dev/null', this.options.restore.exports);
    lines.push(
      // fd 9 is the protocol's own copy of stdout (the same pipe, so order is kept): a command
      // that redirects the shell's stdout (`exec >/dev/null`) cannot hide the markers.
      'exec 9>&1 2>&1',
      // Every variable (assigned or exported) and, in bash, every function: `declare -p` and
      // `declare -f` in bash, `set` and `export -p` in POSIX shells. Read-only ones fail
      // harmlessly on restore.
      // The token is kept in a variable so that the function's own text (printed by
      // `declare -f`) never contains a marker.
      `__slipway_t='${t}'`,
      `__slipway_snapshot() { { printf '%sSNAPSHOT\\n' "$__slipway_t"; if [ -n "\${BASH_VERSION-}" ]; then declare -p; declare -f; else set; export -p; fi; printf '%sCWD %s\\n' "$__slipway_t" "$PWD"; } >&9; }`,
      `trap '__slipway_rc=$?; __slipway_snapshot; exit $__slipway_rc' EXIT`,
    );
    for (const [name, value] of Object.entries(this.options.environment)) lines.push(`export ${name}=${shellQuote(value)}`);
    if (!this.options.restore && this.options.path.length > 0) lines.push(`export PATH=${shellQuote(this.options.path.join(':'))}:"$PATH"`);
    const cwd = this.options.restore?.cwd ?? this.options.cwd;
    lines.push(`cd ${shellQuote(cwd)} || cd ${shellQuote(this.options.cwd)}`);
    return lines.join('\n');
  }

  /** Runs one buildspec command; its output lines go to onLine. */
  run(command: string): Promise<CommandOutcome> {
    return this.send(`__slipway_cmd=${shellQuote(command)}\n{ eval "$__slipway_cmd"\n} </dev/null`, false);
  }

  /** Runs a helper script whose output is returned instead of logged. */
  async capture(script: string): Promise<{ exitCode: number; output: string; shellEnded: boolean }> {
    this.capturing = [];
    const outcome = await this.send(`{ ${script}\n} </dev/null >&9 2>&9`, true);
    const output = this.capturing.join('');
    this.capturing = undefined;
    return { exitCode: outcome.exitCode, output, shellEnded: outcome.shellEnded };
  }

  /** Asks the live shell for its exported variables and working directory. */
  async snapshot(): Promise<ShellSnapshot | undefined> {
    const { output, shellEnded } = await this.capture('__slipway_snapshot');
    return shellEnded ? this.lastSnapshot : this.parseSnapshot(output);
  }

  /** Ends the shell: closing stdin lets it exit on its own; kill makes sure. */
  close(): void {
    this.process.stdin.end();
    if (!this.ended) this.process.kill();
  }

  get alive(): boolean {
    return !this.ended;
  }

  private async send(script: string, quiet: boolean): Promise<CommandOutcome> {
    if (this.ended) return { exitCode: this.exitStatus, tail: '', shellEnded: true, halted: false };
    this.tail = '';
    this.quiet = quiet;
    this.done = undefined;
    const finished = new Promise<void>((resolve) => (this.waiter = resolve));
    const onHalt = () => {
      this.process.kill();
      this.wake();
    };
    if (this.options.halt.aborted) onHalt();
    this.options.halt.addEventListener('abort', onHalt, { once: true });
    this.process.stdin.write(`${script}\nprintf '%s %d\\n' '${this.token}' "$?" >&9\n`);
    await finished;
    this.options.halt.removeEventListener('abort', onHalt);
    const tail = this.tail;
    if (this.done !== undefined) return { exitCode: this.done, tail, shellEnded: false, halted: false };
    if (this.options.halt.aborted) return { exitCode: 130, tail, shellEnded: true, halted: true };
    return { exitCode: this.exitStatus, tail, shellEnded: true, halted: false };
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /**
   * Splits what the shell printed into output lines, the end-of-command token and snapshots.
   * Each byte is searched once (`scanFrom`, `cwdScanFrom`), so one huge line costs linear time.
   */
  private drain(): void {
    for (;;) {
      const at = this.pending.indexOf(this.token, this.scanFrom);
      if (at < 0) {
        // A token cut in two by a chunk can only sit in the last token-length characters.
        this.scanFrom = Math.max(0, this.pending.length - this.token.length + 1);
        this.emitPlain();
        return;
      }
      const after = this.pending.slice(at + this.token.length, at + this.token.length + SNAPSHOT_MARK.length);
      if (after.startsWith(' ')) {
        const lineEnd = this.pending.indexOf('\n', at);
        if (lineEnd < 0) return this.waitAt(at);
        this.emit(this.pending.slice(0, at), true);
        this.done = Number(this.pending.slice(at + this.token.length + 1, lineEnd));
        this.consume(lineEnd + 1);
        this.wake();
      } else if (after === SNAPSHOT_MARK) {
        if (!this.takeSnapshot(at)) return;
      } else if (after.length < SNAPSHOT_MARK.length && SNAPSHOT_MARK.startsWith(after) && !this.ended) {
        return this.waitAt(at);
      } else {
        this.scanFrom = at + 1; // the token's text in ordinary output: not a marker
      }
    }
  }

  /** Handles a snapshot starting at `at` once its CWD line is complete; false while waiting for it. */
  private takeSnapshot(at: number): boolean {
    const cwdMark = `${this.token}CWD `;
    const cwdAt = this.pending.indexOf(cwdMark, Math.max(at, this.cwdScanFrom));
    const lineEnd = cwdAt < 0 ? -1 : this.pending.indexOf('\n', cwdAt);
    if (lineEnd < 0) {
      if (this.ended) {
        this.emit(this.pending.slice(0, at), true);
        this.consume(this.pending.length);
        return false;
      }
      this.cwdScanFrom = cwdAt >= 0 ? cwdAt : Math.max(at, this.pending.length - cwdMark.length + 1);
      this.waitAt(at);
      return false;
    }
    // Only the shell's EXIT trap prints a snapshot outside capture(): remember it.
    this.emit(this.pending.slice(0, at), true);
    const text = this.pending.slice(at, lineEnd + 1);
    if (this.capturing) this.capturing.push(text);
    else this.lastSnapshot = this.parseSnapshot(text);
    this.consume(lineEnd + 1);
    return true;
  }

  /** A marker starts at `at` but is not complete yet: search from there when more arrives. */
  private waitAt(at: number): void {
    this.scanFrom = at;
  }

  /** Drops what was handled from the front of `pending`. */
  private consume(upTo: number): void {
    this.pending = this.pending.slice(upTo);
    this.scanFrom = 0;
    this.cwdScanFrom = 0;
  }

  /** Output with no marker in it: complete lines go out, and a line longer than LINE_PIECE is cut. */
  private emitPlain(): void {
    if (this.ended) {
      this.emit(this.pending, true);
      this.consume(this.pending.length);
      return;
    }
    const lastNewline = this.pending.lastIndexOf('\n');
    if (lastNewline >= 0) {
      this.emit(this.pending.slice(0, lastNewline + 1), false);
      this.consume(lastNewline + 1);
      this.scanFrom = Math.max(0, this.pending.length - this.token.length + 1);
    }
    // What may be the start of a token stays; the rest of a long line goes out in pieces.
    while (this.pending.length - this.token.length + 1 >= LINE_PIECE) {
      const cut = this.options.safeCut ? this.options.safeCut(this.pending, LINE_PIECE, false) : LINE_PIECE;
      if (cut < 0) return; // a secret may be arriving across the cut: wait for the rest
      this.emit(this.pending.slice(0, cut), true);
      this.consume(cut);
      this.scanFrom = Math.max(0, this.pending.length - this.token.length + 1);
    }
  }

  private emit(text: string, final: boolean): void {
    if (text.length === 0) return;
    if (this.capturing) {
      this.capturing.push(text);
      return;
    }
    this.tail = (this.tail + text.slice(-TAIL_LIMIT)).slice(-TAIL_LIMIT);
    if (this.quiet) return;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    else if (!final) return;
    for (const line of lines) this.emitLine(line);
  }

  /** One output line, in pieces of at most LINE_PIECE characters (a piece may end later, never inside a secret). */
  private emitLine(line: string): void {
    let rest = line;
    while (rest.length > LINE_PIECE) {
      const cut = this.options.safeCut ? this.options.safeCut(rest, LINE_PIECE, true) : LINE_PIECE;
      this.options.onLine(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    this.options.onLine(rest);
  }

  private parseSnapshot(text: string): ShellSnapshot | undefined {
    const start = text.indexOf(`${this.token}SNAPSHOT\n`);
    const cwdAt = text.indexOf(`${this.token}CWD `);
    if (start < 0 || cwdAt < 0) return undefined;
    const exports = text.slice(start + this.token.length + 'SNAPSHOT\n'.length, cwdAt);
    const cwd = text.slice(cwdAt + this.token.length + 'CWD '.length).replace(/\n$/, '');
    return { exports, cwd };
  }
}
