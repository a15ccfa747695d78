// The compiled slipway CLI in a process of its own, for tests that kill it, freeze it, or run two
// commands at once on one home, as two terminals would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${ROOT}bin/slipway.js`;

/** A running `slipway` process. */
export interface SlipwayProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stderr has printed a line matching `pattern`. */
  stderrMatches(pattern: RegExp): Promise<void>;
}

/** Starts `slipway <args>` in `cwd`; `env` is added to this process's environment. */
export function startSlipway(args: string[], options: { cwd: string; env?: Record<string, string> }): SlipwayProcess {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before these tests');
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, SLIPWAY_HOME: undefined, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const wait of waiting.filter((one) => one.pattern.test(err))) wait.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    stderrMatches: (pattern) => (pattern.test(err) ? Promise.resolve() : new Promise((resolve) => waiting.push({ pattern, resolve }))),
  };
}

/** Runs `slipway <args>` to its end. */
export async function runSlipwayProcess(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<{
  code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string
}> {
  const started = startSlipway(args, options);
  const { code, signal } = await started.exited;
  return { code, signal, stdout: started.stdout(), stderr: started.stderr() };
}
