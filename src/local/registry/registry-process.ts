// What a process that serves only the registry (`slipway registry`) tells V8 before its code runs
// hot. Kept apart from the registry's modules: the CLI's entry point imports it for every command.
import { setFlagsFromString } from 'node:v8';

/**
 * For a process that only serves the registry (`slipway registry`): no optimizing compiler. The
 * registry's hot work is native (sha256, HTTP parsing, file and socket I/O), so V8's interpreter
 * and baseline compiler serve it as fast, side by side (bench/registry-throughput.mjs); the
 * optimizing compiler's background threads, memory zones and own code pages kept an idle
 * registry about 12 MB larger after a push. Not for `slipway up`, whose engine runs real JavaScript.
 */
export function serveWithoutOptimizingCompiler(): void {
  setFlagsFromString('--no-opt');
}
