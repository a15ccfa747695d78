// Runs the slipway CLI in-process with captured streams, as a user's shell would see it.
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `slipway <args>` in `cwd` and returns its exit code and output. */
export async function runSlipway(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await runCli(args, {
    stdout,
    stderr,
    env: options.env ?? { ...process.env, SLIPWAY_HOME: undefined },
    cwd: options.cwd,
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
