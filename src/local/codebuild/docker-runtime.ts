// The Docker engine as a ContainerRuntime: one container per build, kept alive by a sleeping
// shell, with each buildspec shell started by `docker exec -i`.
import { execFile, spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';
import type { BuildMachine, ContainerRuntime, ContainerSpec, ShellOptions, ShellProcess } from './runtime.js';

const run = promisify(execFile);

/** Where the host's docker CLI is mounted when the image has none (privileged mode). */
export const MOUNTED_DOCKER_DIR = '/opt/slipway/bin';

/** The engine's socket path on the host, from DOCKER_HOST when it is a unix socket. */
export function dockerSocketPath(env: NodeJS.ProcessEnv): string {
  const host = env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

async function hostDockerBinary(): Promise<string | undefined> {
  try {
    const { stdout } = await run('sh', ['-c', 'command -v docker']);
    return await realpath(stdout.trim());
  } catch {
    return undefined;
  }
}

function execShell(container: string, options: ShellOptions): ShellProcess {
  const args = ['exec', '-i', '-w', options.cwd];
  if (options.user !== undefined) args.push('-u', options.user);
  const child = spawn('docker', [...args, container, options.shell], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 137));
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    // Killing the client does not stop the process inside; the caller disposes the container
    // on stop and timeout, which does.
    kill: () => child.kill('SIGKILL'),
  };
}

async function copy(args: string[]): Promise<boolean> {
  try {
    await run('docker', ['cp', ...args]);
    return true;
  } catch {
    return false;
  }
}

/** A running build container. */
class DockerMachine implements BuildMachine {
  readonly defaultShell = 'sh';
  readonly baseEnvironment: Record<string, string> = {};
  constructor(
    private readonly name: string,
    readonly description: string,
    readonly extraPath: string[],
    readonly notes: string[],
  ) {}

  startShell(options: ShellOptions): Promise<ShellProcess> {
    return Promise.resolve(execShell(this.name, options));
  }

  async copyIn(hostPath: string, machinePath: string): Promise<boolean> {
    await run('docker', ['exec', this.name, 'mkdir', '-p', machinePath]).catch(() => undefined);
    return copy([`${hostPath}/.`, `${this.name}:${machinePath}`]);
  }

  copyOut(machinePath: string, hostPath: string): Promise<boolean> {
    return copy([`${this.name}:${machinePath}`, hostPath]);
  }

  async dispose(): Promise<void> {
    await run('docker', ['rm', '-f', this.name]).catch(() => undefined);
  }
}

/** Docker through its CLI (the same client a user would run). */
export class DockerRuntime implements ContainerRuntime {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async ensureAvailable(): Promise<void> {
    try {
      await run('docker', ['version', '--format', '{{.Server.Version}}'], { env: this.env });
    } catch (error) {
      throw new SlipwayError('DOCKER_UNAVAILABLE', 'this build runs in a container, but no Docker engine answers', {
        kind: 'environment',
        cause: error,
        hint: 'start the Docker engine (dockerd), or run the build on this machine with --host',
      });
    }
  }

  async imageExists(image: string): Promise<boolean> {
    try {
      await run('docker', ['image', 'inspect', image], { env: this.env });
      return true;
    } catch {
      return false;
    }
  }

  async start(spec: ContainerSpec): Promise<BuildMachine> {
    const args = ['run', '-d', '--name', spec.name, '--network', spec.network, '--entrypoint', 'sh'];
    for (const [key, value] of Object.entries(spec.labels)) args.push('--label', `${key}=${value}`);
    for (const mount of spec.mounts) args.push('-v', `${mount}:${mount}`);
    let dockerCli: string | undefined;
    if (spec.privileged) {
      args.push('-v', `${dockerSocketPath(this.env)}:/var/run/docker.sock`);
      dockerCli = await hostDockerBinary();
      if (dockerCli) args.push('-v', `${dockerCli}:${MOUNTED_DOCKER_DIR}/docker:ro`);
    }
    // A shell that sleeps until the container is removed; buildspec shells are `docker exec`s.
    const command = [spec.image, '-c', 'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done'];
    const notes: string[] = [];
    if (!spec.privileged) await this.run(spec.name, [...args, ...command]);
    else if (!(await this.run(spec.name, [...args, '--privileged', ...command], true))) {
      // An engine that itself runs in an unprivileged container refuses --privileged; the
      // engine's socket is what `docker build` inside the build needs, so go on without it.
      notes.push('the Docker engine refused --privileged here; the build container has the host engine\'s socket but no extra privileges');
      await this.run(spec.name, [...args, ...command]);
    }
    let extraPath: string[] = [];
    if (dockerCli) {
      const has = await run('docker', ['exec', spec.name, 'sh', '-c', 'command -v docker']).then(
        () => true,
        () => false,
      );
      if (!has) extraPath = [MOUNTED_DOCKER_DIR];
    }
    const description = `container ${spec.name} (image ${spec.image}, network ${spec.network}${spec.privileged ? ', privileged' : ''})`;
    return new DockerMachine(spec.name, description, extraPath, notes);
  }

  /** Runs `docker run`; removes a half-made container on failure. Returns false if `tolerate`d. */
  private async run(name: string, args: string[], tolerate = false): Promise<boolean> {
    try {
      await run('docker', args, { env: this.env });
      return true;
    } catch (error) {
      await run('docker', ['rm', '-f', name], { env: this.env }).catch(() => undefined);
      if (tolerate) return false;
      const detail = ((error as { stderr?: string }).stderr ?? String(error)).trim().split('\n')[0];
      throw new SlipwayError('CONTAINER_START_FAILED', `the build container did not start: ${detail}`, { kind: 'failed', cause: error });
    }
  }
}
