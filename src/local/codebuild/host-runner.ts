// Runs a build's shells directly on this machine (`slipway build --host`).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';
import { exitStatus } from './exit-status.js';
import { copyFolder } from './folder-copy.js';
import { killBuildProcesses } from './left-builds.js';
import type { BuildMachine, ShellOptions, ShellProcess } from './runtime.js';

const run = promisify(execFile);

/**
 * Variables a host build inherits from slipway's own environment: what a shell needs to work,
 * plus the AWS credential variables (on AWS the build's role provides credentials).
 */
const INHERITED = /^(PATH|HOME|USER|LOGNAME|LANG|LC_[A-Z]+|TERM|TMPDIR|TZ|DOCKER_HOST|DOCKER_CONFIG|DOCKER_CERT_PATH|DOCKER_TLS_VERIFY|SSH_AUTH_SOCK|AWS_[A-Z_]+)$/;

/** Picks the inherited variables out of an environment. */
export function inheritedEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && INHERITED.test(name)) out[name] = value;
  return out;
}

async function userIds(user: string): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new SlipwayError('RunAsUnknownUser', `run-as names the user "${user}", who does not exist on this machine`, {
      kind: 'failed',
      hint: 'create the user, or run the build in a container image that has it (--image)',
    });
  }
}

/** Starts a shell as a detached process group, so stopping it also stops what it started. */
async function startHostShell(options: ShellOptions, env: Record<string, string>): Promise<ShellProcess> {
  let ids: { uid: number; gid: number } | undefined;
  if (options.user !== undefined) {
    ids = await userIds(options.user);
    const self = process.getuid?.();
    if (self !== ids.uid && self !== 0) {
      throw new SlipwayError('RunAsNeedsRoot', `run-as "${options.user}" needs slipway to run as root on the host`, {
        kind: 'failed',
        hint: 'run the build in a container (--image) where the user exists',
      });
    }
  }
  const child = spawn(options.shell, [], {
    cwd: options.cwd,
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    exited: exitStatus(child),
    kill: () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/**
 * The host as a BuildMachine: shells are `bash` (default) or the buildspec's `env.shell`. With a
 * build id, every shell carries it as CODEBUILD_BUILD_ID from its start, and disposing kills
 * every process that still carries it (left-builds.ts), as CodeBuild's container ends with the build.
 */
export function hostMachine(env: NodeJS.ProcessEnv, buildId?: string): BuildMachine {
  const base = inheritedEnvironment(env);
  const shellEnv = buildId === undefined ? base : { ...base, CODEBUILD_BUILD_ID: buildId };
  return {
    description: 'the host',
    defaultShell: 'bash',
    extraPath: [],
    notes: [],
    baseEnvironment: base,
    startShell: (options) => startHostShell(options, shellEnv),
    copyIn: copyFolder,
    copyOut: copyFolder,
    dispose: async () => {
      if (buildId !== undefined) await killBuildProcesses([buildId]);
    },
  };
}
