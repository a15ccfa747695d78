// What a build leaves running, and how to remove it. CodeBuild ends a build's processes with
// its container; locally a build container carries its build id and its owner (slipway's
// process) as labels, and every host build process carries CODEBUILD_BUILD_ID in its
// environment (even one that left the process group with setsid). A stopped or finished host
// build kills what still carries its id; after a SIGKILL of slipway, removeLeftBuilds does it.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The labels of a build container (docs/local-codebuild.md). */
export const BUILD_ID_LABEL = 'slipway.codebuild.build-id';
export const OWNER_PID_LABEL = 'slipway.codebuild.owner-pid';
export const OWNER_START_LABEL = 'slipway.codebuild.owner-start';

/** When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat): a pid with it names one process. */
export async function processStart(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** The labels naming this process as a build container's owner. */
export async function ownerLabels(): Promise<Record<string, string>> {
  return { [OWNER_PID_LABEL]: String(process.pid), [OWNER_START_LABEL]: (await processStart(process.pid)) ?? '' };
}

/** True while the process a build's owner labels name is still running (the same pid and start). */
export async function ownerAlive(pid: number, start: string): Promise<boolean> {
  const now = await processStart(pid);
  return now !== undefined && (start === '' || now === start);
}

/** A host process a build left running. */
export interface LeftProcess {
  pid: number;
  buildId: string;
  command: string;
}

/** The processes on this machine whose environment holds CODEBUILD_BUILD_ID of one of `buildIds`. */
async function buildProcesses(buildIds: readonly string[]): Promise<LeftProcess[]> {
  const wanted = new Set(buildIds.map((id) => `CODEBUILD_BUILD_ID=${id}`));
  const found: LeftProcess[] = [];
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    const entry = environ.split('\0').find((variable) => wanted.has(variable));
    if (!entry) continue;
    const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ').trim();
    found.push({ pid, buildId: entry.slice('CODEBUILD_BUILD_ID='.length), command });
  }
  return found;
}

/** Kills every host process of these builds, and their process groups; returns what was killed. */
export async function killBuildProcesses(buildIds: readonly string[]): Promise<LeftProcess[]> {
  const killed: LeftProcess[] = [];
  // Processes may fork while they are killed: look again until none is left (a few rounds).
  for (let round = 0; round < 5; round += 1) {
    const left = (await buildProcesses(buildIds)).filter((p) => !killed.some((k) => k.pid === p.pid));
    if (left.length === 0) break;
    for (const one of left) {
      for (const target of [-one.pid, one.pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // not a group leader, or already gone
        }
      }
      killed.push(one);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return killed;
}

/** What removeLeftBuilds removed. */
export interface RemovedBuilds {
  /** Names of the build containers removed. */
  containers: string[];
  processes: LeftProcess[];
}

/**
 * Removes what builds whose owner is dead left behind: their containers (found by the build id
 * label) and their host processes. The caller decides which builds are dead (ownerAlive).
 */
export async function removeLeftBuilds(buildIds: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<RemovedBuilds> {
  const containers: string[] = [];
  for (const id of buildIds) {
    const listed = await run('docker', ['ps', '-a', '--filter', `label=${BUILD_ID_LABEL}=${id}`, '--format', '{{.Names}}'], { env }).catch(() => ({ stdout: '' }));
    for (const name of listed.stdout.split('\n').filter(Boolean)) {
      if (await run('docker', ['rm', '-f', name], { env }).then(() => true, () => false)) containers.push(name);
    }
  }
  return { containers, processes: await killBuildProcesses(buildIds) };
}
