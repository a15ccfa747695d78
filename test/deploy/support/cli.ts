// Runs the slipway CLI in-process with captured streams, as a user's shell would, minus the TTY.
import { Writable } from 'node:stream';
import { runCli } from '../../../src/cli/program.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString('utf8');
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** Runs `slipway <args>` in `cwd`; with no terminal attached unless `terminal` says stderr is one. */
export async function slipway(args: string[], cwd: string, terminal = false): Promise<CliRun> {
  const stdout = capture();
  const stderr = Object.assign(capture(), terminal ? { isTTY: true } : {});
  const code = await runCli(args, { stdout, stderr, env: process.env, cwd, signal: new AbortController().signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
