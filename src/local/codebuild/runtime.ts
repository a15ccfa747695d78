// Where a build's commands run. The executor owns these small interfaces; the host runner and
// the Docker implementation provide them, wired in one composition root (the CLI, or the
// local pipeline).
import type { Readable, Writable } from 'node:stream';

/** One running shell: its script goes in on stdin; stdout and stderr come out merged. */
export interface ShellProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves with the exit status (128+n when killed by signal n). */
  readonly exited: Promise<number>;
  /** Ends the shell and everything it started that the runner can reach. */
  kill(): void;
}

export interface ShellOptions {
  /** `bash`, `sh` or a path, as in the buildspec's `env.shell`. */
  shell: string;
  /** The Linux user (`run-as`); undefined means the machine's default user. */
  user?: string;
  cwd: string;
}

/** The place one build runs: this machine, or one container made for the build. */
export interface BuildMachine {
  /** For the log: "the host" or "container <name> (image <image>)". */
  readonly description: string;
  /** The shell used when the buildspec names none. */
  readonly defaultShell: string;
  /** Folders to put first on PATH (e.g. the host's docker CLI mounted into the container). */
  readonly extraPath: string[];
  /** Things the log should say about how the machine was made (e.g. a refused option). */
  readonly notes: string[];
  /** Environment variables the machine itself provides (host: a filtered copy of slipway's). */
  readonly baseEnvironment: Record<string, string>;
  startShell(options: ShellOptions): Promise<ShellProcess>;
  /** Copies a folder from the host into the machine (cache restore); false if absent. */
  copyIn(hostPath: string, machinePath: string): Promise<boolean>;
  /** Copies a folder from the machine to the host (cache save); false if absent. */
  copyOut(machinePath: string, hostPath: string): Promise<boolean>;
  /** Stops everything the build started here (containers are removed). */
  dispose(): Promise<void>;
}

/** What a container build needs from a container engine. */
export interface ContainerSpec {
  image: string;
  name: string;
  /** Host folders mounted at the same absolute path inside. */
  mounts: string[];
  /** Host folders mounted read-only at the same absolute path inside (slipway's build commands). */
  readOnlyMounts?: string[];
  /** Folders inside a mount that the build must not see (an empty tmpfs is mounted over each). */
  hidden?: string[];
  network: 'host' | 'none';
  privileged: boolean;
  /** In privileged mode, the socket mounted at /var/run/docker.sock: slipway's Docker proxy while up runs; default the engine's own. */
  dockerSocket?: string;
  labels: Record<string, string>;
}

/** A container engine that can start one build container (Docker here). */
export interface ContainerRuntime {
  /** Throws a SlipwayError (kind `environment`) when the engine is not reachable. */
  ensureAvailable(): Promise<void>;
  imageExists(image: string): Promise<boolean>;
  start(spec: ContainerSpec): Promise<BuildMachine>;
}
