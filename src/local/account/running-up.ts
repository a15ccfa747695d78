// Where a running `slipway up` can be reached: it writes its address and its process into the
// home (`<home>/up.json`, written aside and renamed, so a reader never sees half of it), and every
// other command on the home reads it to use the running account, while that process lives.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerIsAlive, type ProcessOwner } from '../state/index.js';

/** What a running `up` records. */
export interface RunningUp {
  owner: ProcessOwner;
  /** `http://127.0.0.1:4610`: the AWS API, webhooks and the dashboard. */
  endpoint: string;
  /** `127.0.0.1:4610`: what image names start with and what `docker login` takes. */
  registry: string;
  startedAt: string;
}

function recordFile(home: string): string {
  return join(home, 'up.json');
}

/** Records this process as the home's running `up`. */
export function recordRunningUp(home: string, running: RunningUp): void {
  const aside = `${recordFile(home)}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `${JSON.stringify(running)}\n`, { mode: 0o600 });
  renameSync(aside, recordFile(home));
}

/** The running `up` of a home, or undefined when none was recorded or its process has ended. */
export function readRunningUp(home: string): RunningUp | undefined {
  let running: RunningUp;
  try {
    running = JSON.parse(readFileSync(recordFile(home), 'utf8')) as RunningUp;
  } catch {
    return undefined;
  }
  return ownerIsAlive(running.owner) ? running : undefined;
}

/** Forgets the record, if it is `owner`'s (a newer `up` may have replaced it). */
export function clearRunningUp(home: string, owner: ProcessOwner): void {
  try {
    const running = JSON.parse(readFileSync(recordFile(home), 'utf8')) as RunningUp;
    if (running.owner === owner) rmSync(recordFile(home), { force: true });
  } catch {
    // Nothing recorded: nothing to forget.
  }
}
