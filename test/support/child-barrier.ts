// Node processes that race for something must start the race together. A start time on the
// clock is no barrier: a loaded machine can start one process seconds after another. So each
// child says `ready` once it is set up and waits for the parent's `go` on stdin; the parent
// sends `go` to all of them once every one is ready. A child can pass the barrier several
// times (one race per round), and can wait for its stdin to end to stay alive, holding whatever
// it won, until the parent has heard from every child.
import { spawn } from 'node:child_process';

/**
 * Child-side code, for the top of the child's ES module: `await barrier()` says `ready` and waits
 * for `go`; `await untilStdinEnds()` waits until the parent closes the child's stdin.
 */
export const CHILD_BARRIER = `
  import { createInterface } from 'node:readline';
  const fromParent = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const barrier = async () => {
    process.stdout.write('ready\\n');
    if ((await fromParent.next()).done) throw new Error('the parent closed stdin before saying go');
  };
  const untilStdinEnds = async () => { while (!(await fromParent.next()).done); };
`;

export interface RacingChild {
  /** Resolves with the next line the child prints on stdout; rejects if it ends first. */
  nextLine(): Promise<string>;
  /** Sends `go`: the child passes the barrier it waits at. */
  go(): void;
  /** Closes the child's stdin: a child waiting for its end, or past its last barrier, may now exit. */
  close(): void;
  /** Resolves with the exit code, or the signal's name, once the child has ended and its output has been read. */
  exited: Promise<number | string>;
  stderr(): string;
}

/** Starts `count` Node processes running the ES module `script`, which includes CHILD_BARRIER. */
export function startRacers(count: number, script: string): RacingChild[] {
  return Array.from({ length: count }, () => startRacer(script));
}

/** Waits until every child says `ready`, then lets them all go at once. */
export async function passBarrier(children: RacingChild[]): Promise<void> {
  const said = await Promise.all(children.map((child) => child.nextLine()));
  if (said.some((line) => line !== 'ready')) throw new Error(`expected every child to say 'ready', they said: ${JSON.stringify(said)}`);
  for (const child of children) child.go();
}

function startRacer(script: string): RacingChild {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  // Writing to a child that has died must not become an uncaught EPIPE: its exit tells the story.
  proc.stdin.on('error', () => {});
  let pending = '';
  let stderr = '';
  const lines: string[] = [];
  const readers: ((line: string) => void)[] = [];
  proc.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end).trim();
      pending = pending.slice(end + 1);
      const reader = readers.shift();
      if (reader) reader(line);
      else lines.push(line);
    }
  });
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': only then has everything the child printed been read.
  const exited = new Promise<number | string>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve(code ?? signal ?? -1));
  });
  const ended = exited.then((code) => Promise.reject(new Error(`child ${proc.pid} ended (${code}) before printing another line: ${stderr}`)));
  ended.catch(() => {});
  return {
    nextLine: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      return Promise.race([new Promise<string>((resolve) => readers.push(resolve)), ended]);
    },
    go: () => proc.stdin.write('go\n'),
    close: () => proc.stdin.end(),
    exited,
    stderr: () => stderr,
  };
}
