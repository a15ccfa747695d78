// `slipway registry` as a separate process (the compiled CLI), for tests that must kill the
// registry itself and for reading its output as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${ROOT}bin/slipway.js`;

export interface RegistryProcess {
  child: ChildProcess;
  /** The JSON document the command printed on stdout. */
  startup: { endpoint: string; registry: string; passwordFile?: string; dataDir: string; loginCommand?: string };
  stderr(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts `slipway registry --json` with `args` and waits for its startup document. */
export function startRegistryProcess(args: string[]): Promise<RegistryProcess> {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before these tests');
  const child = spawn(process.execPath, [CLI, 'registry', '--port', '0', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve({ child, startup: JSON.parse(line) as RegistryProcess['startup'], stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`slipway registry exited (${code}) before starting: ${stderr}`)));
  });
}
