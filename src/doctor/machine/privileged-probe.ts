// Whether the engine grants `--privileged`, which CodeBuild's PrivilegedMode maps to. An engine
// that itself runs in an unprivileged container refuses it ("unable to apply caps: operation not
// permitted"); slipway's builds then go on without it (docs/local-codebuild.md). The probe needs
// no image from anywhere: an empty image is imported from an empty tar archive, and a container
// that gets as far as starting its (missing) program ends with the docker CLI's status 127,
// while one the engine cannot create ends with 125.
import { randomBytes } from 'node:crypto';
import type { Finding } from '../finding.js';
import { runProgram } from './program.js';

/** An empty tar archive: two 512-byte blocks of zeros, padded to the usual 10240-byte record. */
const EMPTY_TAR = Buffer.alloc(10_240);
/** `docker run`'s status when the container started but its command was not found. */
const COMMAND_NOT_FOUND = 127;

/** Runs the probe twice, without and with --privileged, and compares. */
export async function privilegedFinding(env: NodeJS.ProcessEnv): Promise<Finding> {
  const image = `slipway-doctor-probe:${randomBytes(6).toString('hex')}`;
  const imported = await runProgram('docker', ['import', '-', image], env, EMPTY_TAR);
  if (imported.code !== 0) return unknown(`the probe image could not be made: ${imported.stderr}`);
  try {
    const probe = (extra: string[]) => runProgram('docker', ['run', '--rm', '--network', 'none', '--label', 'slipway.doctor=probe', ...extra, image, '/slipway-doctor-probe'], env);
    const plain = await probe([]);
    if (plain.code !== COMMAND_NOT_FOUND) return unknown(`even an unprivileged probe container did not start: ${plain.stderr}`);
    const privileged = await probe(['--privileged']);
    if (privileged.code === COMMAND_NOT_FOUND) return { check: 'machine.docker-privileged', severity: 'info', message: 'the Docker engine grants --privileged (CodeBuild\'s PrivilegedMode)' };
    return {
      check: 'machine.docker-privileged',
      severity: 'warning',
      message: `the Docker engine refuses --privileged (${refusal(privileged.stderr)}): privileged container builds run without extra privileges; docker build through the engine's socket still works`,
      fix: 'run the Docker engine on the host (not in an unprivileged container) if builds need privileges inside their container',
    };
  } finally {
    await runProgram('docker', ['rmi', '--force', image], env);
  }
}

/** The runtime's own reason, without the layers of "failed to create shim task: ..." around it. */
function refusal(stderr: string): string {
  const line = stderr.split('\n')[0] ?? '';
  return /container process: (.*?)(?:: unknown)?$/.exec(line)?.[1] ?? line;
}

function unknown(reason: string): Finding {
  return {
    check: 'machine.docker-privileged',
    severity: 'warning',
    message: `cannot tell whether the Docker engine grants --privileged: ${reason.split('\n')[0]}`,
    fix: 'check that the engine can create containers (docker run)',
  };
}
