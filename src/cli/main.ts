// The process entry point: wires the real streams, environment and signals into runCli.
import { EXIT_CODES } from '../errors.js';
import { runCli } from './program.js';

const controller = new AbortController();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C leaves at once; the first lets the command stop what it started.
    if (interrupted) process.exit(EXIT_CODES.interrupted);
    interrupted = true;
    controller.abort(new Error(`received ${signal}`));
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = interrupted && code !== 0 ? EXIT_CODES.interrupted : code;
