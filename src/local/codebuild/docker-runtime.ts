// The Docker engine as a ContainerRuntime: one container per build, kept alive by a sleeping
// shell, with each buildspec shell started by `docker exec -i`.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';
import { exitStatus } from './exit-status.js';
import { findStaticDockerCli, type HostDockerCli } from './host-docker-cli.js';
import type { BuildMachine, ContainerRuntime, ContainerSpec, ShellOptions, ShellProcess } from './runtime.js';

const run = promisify(execFile);

/** Where the host's docker CLI is mounted when the image has none (privileged mode). */
export const MOUNTED_DOCKER_DIR = '/opt/slipway/bin';

/** The engine's socket path on the host, from DOCKER_HOST when it is a unix socket. */
export function dockerSocketPath(env: NodeJS.ProcessEnv): string {
  const host = env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/**
 * The docker CLI run with one environment (the runtime's configured one): every call goes
 * through here, so DOCKER_HOST, DOCKER_CONFIG and PATH are the same for all of them.
 */
class DockerCli {
  constructor(readonly env: NodeJS.ProcessEnv) {}

  /** Runs `docker <args>` and returns its output; rejects on a non-zero status. */
  run(args: string[]): Promise<{ stdout: string; stderr: string }> {
    return run('docker', args, { env: this.env });
  }

  /** Runs `docker <args>` and tells whether it succeeded. */
  succeeds(args: string[]): Promise<boolean> {
    return this.run(args).then(
      () => true,
      () => false,
    );
  }

  /** Starts `docker <args>` with piped stdio. */
  spawn(args: string[]): ChildProcessWithoutNullStreams {
    return spawn('docker', args, { stdio: ['pipe', 'pipe', 'pipe'], env: this.env });
  }

  /** The statically linked docker CLI on the configured PATH (the only kind that starts in any image), or why there is none. */
  hostBinary(): Promise<HostDockerCli> {
    return findStaticDockerCli(this.env.PATH);
  }
}

function execShell(cli: DockerCli, container: string, options: ShellOptions): ShellProcess {
  const args = ['exec', '-i', '-w', options.cwd];
  if (options.user !== undefined) args.push('-u', options.user);
  const child = cli.spawn([...args, container, options.shell]);
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    // kill() below sends SIGKILL: the status is then 137.
    exited: exitStatus(child),
    // Killing the client does not stop the process inside; the caller disposes the container
    // on stop and timeout, which does.
    kill: () => child.kill('SIGKILL'),
  };
}

/** A running build container. */
class DockerMachine implements BuildMachine {
  readonly defaultShell = 'sh';
  readonly baseEnvironment: Record<string, string> = {};
  constructor(
    private readonly cli: DockerCli,
    private readonly name: string,
    readonly description: string,
    readonly extraPath: string[],
    readonly notes: string[],
  ) {}

  startShell(options: ShellOptions): Promise<ShellProcess> {
    return Promise.resolve(execShell(this.cli, this.name, options));
  }

  async copyIn(hostPath: string, machinePath: string): Promise<boolean> {
    await this.cli.succeeds(['exec', this.name, 'mkdir', '-p', machinePath]);
    return this.cli.succeeds(['cp', `${hostPath}/.`, `${this.name}:${machinePath}`]);
  }

  copyOut(machinePath: string, hostPath: string): Promise<boolean> {
    return this.cli.succeeds(['cp', `${this.name}:${machinePath}`, hostPath]);
  }

  async dispose(): Promise<void> {
    await this.cli.succeeds(['rm', '-f', this.name]);
  }
}

/** Docker through its CLI (the same client a user would run). */
export class DockerRuntime implements ContainerRuntime {
  private readonly cli: DockerCli;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.cli = new DockerCli(env);
  }

  async ensureAvailable(): Promise<void> {
    try {
      await this.cli.run(['version', '--format', '{{.Server.Version}}']);
    } catch (error) {
      throw new SlipwayError('DockerUnavailable', 'this build runs in a container, but no Docker engine answers', {
        kind: 'environment',
        cause: error,
        hint: 'start the Docker engine (dockerd), or run the build on this machine with --host',
      });
    }
  }

  async imageExists(image: string): Promise<boolean> {
    return this.cli.succeeds(['image', 'inspect', image]);
  }

  async start(spec: ContainerSpec): Promise<BuildMachine> {
    const args = ['run', '-d', '--name', spec.name, '--network', spec.network, '--entrypoint', 'sh'];
    for (const [key, value] of Object.entries(spec.labels)) args.push('--label', `${key}=${value}`);
    for (const mount of spec.mounts) args.push('-v', `${mount}:${mount}`);
    for (const mount of spec.readOnlyMounts ?? []) args.push('-v', `${mount}:${mount}:ro`);
    for (const path of spec.hidden ?? []) args.push('--tmpfs', `${path}:ro,mode=0500`);
    let hostCli: HostDockerCli | undefined;
    if (spec.privileged) {
      args.push('-v', `${spec.dockerSocket ?? dockerSocketPath(this.env)}:/var/run/docker.sock`);
      hostCli = await this.cli.hostBinary();
      if ('path' in hostCli) args.push('-v', `${hostCli.path}:${MOUNTED_DOCKER_DIR}/docker:ro`);
    }
    // A shell that sleeps until the container is removed; buildspec shells are `docker exec`s.
    const command = [spec.image, '-c', 'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done'];
    const notes: string[] = [];
    let refused = false;
    if (!spec.privileged) await this.run(spec.name, [...args, ...command]);
    else if (!(await this.run(spec.name, [...args, '--privileged', ...command], true))) {
      refused = true;
      // An engine that itself runs in an unprivileged container refuses --privileged; the
      // engine's socket is what `docker build` inside the build needs, so go on without it.
      notes.push('the Docker engine refused --privileged here; the build container has the host engine\'s socket but no extra privileges');
      await this.run(spec.name, [...args, ...command]);
    }
    let extraPath: string[] = [];
    if (hostCli && !(await this.cli.succeeds(['exec', spec.name, 'sh', '-c', 'command -v docker']))) {
      if ('path' in hostCli) extraPath = [MOUNTED_DOCKER_DIR];
      else notes.push(`the image has no docker CLI and none is mounted: ${hostCli.reason}; the image must bring its own docker CLI (AWS's standard images do)`);
    }
    // Says only what holds (issue 17): "privileged" when the engine granted --privileged.
    const mode = !spec.privileged ? '' : refused ? ", privileged mode with the host engine's socket but without --privileged" : ', privileged';
    const description = `container ${spec.name} (image ${spec.image}, network ${spec.network}${mode})`;
    return new DockerMachine(this.cli, spec.name, description, extraPath, notes);
  }

  /** Runs `docker run`; removes a half-made container on failure. Returns false if `tolerate`d. */
  private async run(name: string, args: string[], tolerate = false): Promise<boolean> {
    try {
      await this.cli.run(args);
      return true;
    } catch (error) {
      await this.cli.succeeds(['rm', '-f', name]);
      if (tolerate) return false;
      const detail = ((error as { stderr?: string }).stderr ?? String(error)).trim().split('\n')[0];
      throw new SlipwayError('ContainerStartFailed', `the build container did not start: ${detail}`, { kind: 'failed', cause: error });
    }
  }
}
