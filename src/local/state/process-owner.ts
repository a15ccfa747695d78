// Which process owns a piece of work that outlives one call (a stack operation, a running build),
// and whether that process still lives. A pid alone is not enough: the kernel reuses pids, so the
// owner is the pid with the process's start time (field 22 of /proc/<pid>/stat, in clock ticks
// since boot), and a live process whose start time differs is somebody else.
import { readFileSync } from 'node:fs';

/** `<pid>@<start time>`; the start time is `0` where /proc is not available. */
export type ProcessOwner = string;

/** A process's state letter and start time (clock ticks since boot), or undefined when it does not exist or /proc is missing. */
function procStat(pid: number): { state: string; started: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', started: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** The owner identity of this process. */
export function currentOwner(): ProcessOwner {
  return `${process.pid}@${procStat(process.pid)?.started ?? '0'}`;
}

/** Whether the process named by `owner` still runs (a reused pid with another start time does not count). */
export function ownerIsAlive(owner: ProcessOwner): boolean {
  const [pidText, started] = owner.split('@');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = procStat(pid);
  // A zombie has ended; it only waits for its parent to read its exit status.
  if (now?.state === 'Z') return false;
  return started === '0' || now === undefined || now.started === started;
}
