// Runs one of the machine's programs (git, docker) the way a check needs: with the caller's
// environment (PATH, DOCKER_HOST), a time limit, optional input, and the outcome as a value.
import { execFile } from 'node:child_process';

/** How a program run ended. `missing` means there is no such program on PATH. */
export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
  missing: boolean;
}

/** A check gives up on a program that has not answered in this long (a hung Docker socket). */
const TIME_LIMIT_MS = 20_000;

/** Runs `program args` and resolves with how it ended; never rejects. */
export function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv, input?: Buffer): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const child = execFile(program, args, { env, timeout: TIME_LIMIT_MS, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const failure = error as (NodeJS.ErrnoException & { code?: number | string }) | null;
      const missing = failure?.code === 'ENOENT';
      const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : 1;
      resolve({ code, stdout: String(stdout).trim(), stderr: String(stderr).trim(), missing });
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}
