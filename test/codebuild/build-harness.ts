// Runs one build of a tiny buildspec on the host or in a busybox container, the way the CLI
// and the local pipeline do, and keeps its events and log lines for the assertions.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { BUILD_RECORD_MIGRATIONS, BuildRecords, DockerRuntime, formatBuildEvent, runBuild, type Build, type BuildEvent, type BuildRequest } from '../../src/local/codebuild/index.js';
import { openStateDatabase, stateDatabasePath } from '../../src/local/state/index.js';
import { FileParameterSource, emptyParameterSource } from '../../src/local/parameters/index.js';

export type RunnerName = 'host' | 'container';

export interface CaseOptions {
  files?: Record<string, string>;
  symlinks?: Record<string, string>;
  project?: Partial<BuildRequest['project']>;
  overrides?: BuildRequest['environmentOverrides'];
  parameters?: string;
  stateDir?: string;
  sourceDir?: string;
  signal?: AbortSignal;
  onEvent?: (event: BuildEvent) => void;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  secondarySources?: Record<string, string>;
}

export interface CaseResult {
  build: Build;
  events: BuildEvent[];
  log: string;
  /** Command output lines only. */
  output: string[];
  sourceDir: string;
  artifactsDir: string;
  stateDir: string;
}

const made: string[] = [];

/** A world-readable temporary folder (run-as users must be able to enter it). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

/** Removes every folder the harness made. */
export function cleanUp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (path → content) under a folder. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** The next build number of a project, from the account's build records in `<stateDir>/slipway.db`. */
function nextBuildNumber(stateDir: string, projectName: string): number {
  const db = openStateDatabase(stateDatabasePath(stateDir), BUILD_RECORD_MIGRATIONS);
  try {
    return new BuildRecords(db).nextBuildNumber(projectName);
  } finally {
    db.close();
  }
}

/** Runs a buildspec and collects what it reported. */
export async function runCase(runner: RunnerName, buildspec: string, options: CaseOptions = {}): Promise<CaseResult> {
  const sourceDir = options.sourceDir ?? tempDir('slipway-cb-src-');
  const stateDir = options.stateDir ?? tempDir('slipway-cb-home-');
  const artifactsDir = join(stateDir, 'out');
  writeFiles(sourceDir, { 'buildspec.yml': buildspec, ...(options.files ?? {}) });
  for (const [path, target] of Object.entries(options.symlinks ?? {})) symlinkSync(target, join(sourceDir, path));
  const events: BuildEvent[] = [];
  const build = await runBuild(
    {
      sourceDir,
      artifactsDir,
      project: { name: 'rules', timeoutInMinutes: 5, ...options.project },
      environmentOverrides: options.overrides,
      runner: runner === 'host' ? { kind: 'host' } : { kind: 'container', image: ensureBusyboxImage(), network: 'none' },
      initiator: 'tester',
      sourceVersion: options.sourceVersion,
      resolvedSourceVersion: options.resolvedSourceVersion,
      secondarySources: options.secondarySources,
    },
    {
      reporter: {
        emit: (event) => {
          events.push(event);
          options.onEvent?.(event);
        },
      },
      containerRuntime: new DockerRuntime(),
      parameters: options.parameters ? FileParameterSource.fromText(options.parameters) : emptyParameterSource,
      signal: options.signal,
      stateDir,
      env: process.env,
      buildNumber: nextBuildNumber(stateDir, options.project?.name ?? 'rules'),
    },
  );
  const log = events.flatMap(formatBuildEvent).join('\n');
  const output = events.flatMap((e) => (e.type === 'command.output' ? [e.text] : []));
  return { build, events, log, output, sourceDir, artifactsDir, stateDir };
}

/** `PHASE:STATUS` for each phase, in order, for compact assertions. */
export function phaseList(build: Build): string[] {
  return build.phases.map((p) => (p.phaseStatus ? `${p.phaseType}:${p.phaseStatus}` : p.phaseType));
}

/** The command phases that ran, as `PHASE:STATUS`. */
export function commandPhases(build: Build): string[] {
  return phaseList(build).filter((p) => /^(INSTALL|PRE_BUILD|BUILD|POST_BUILD|UPLOAD_ARTIFACTS):/.test(p));
}
