// The process entry point: wires the real streams, environment and signals into runCli.
import { EXIT_CODES } from '../errors.js';
import { serveWithoutOptimizingCompiler } from '../local/registry/registry-process.js';
import { endOnClosedPipe } from './output.js';
import { runCli, verbOf } from './program.js';

// `slipway registry` serves only the registry: say so to V8 before any code runs hot, since the
// optimizing compiler's threads and code pages stay in the process once they have been used.
if (verbOf(process.argv.slice(2)) === 'registry') serveWithoutOptimizingCompiler();

// The AWS SDK warns on every run under Node 20 that its releases from 2027 on will need Node 22;
// slipway pins its SDK version in package-lock.json, so the warning is noise for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

endOnClosedPipe(process.stdout, process.stderr);

const controller = new AbortController();
let interrupted = false;
// SIGHUP (the terminal closed) and SIGTERM (a service manager, `kill`) stop a build as Ctrl-C
// does: without a handler Node would exit at once and leave the build's shells and container.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
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
