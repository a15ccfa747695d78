// A real `slipway up --port 0 --json` in a process of its own, as a user starts it: its ready line
// (endpoint, registry, account, region, key), AWS SDK v3 clients pointed at it, and its stop by
// SIGINT (Ctrl-C), which must end it with exit 0.
import { startSlipway, type SlipwayProcess } from '../../support/slipway-process.js';

/** The ready line `up --json` prints first. */
export interface ReadyLine {
  type: 'ready';
  endpoint: string;
  registry: string;
  dashboard: string;
  accountId: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** A running up. */
export interface RunningUp {
  process: SlipwayProcess;
  ready: ReadyLine;
  /** What SDK v3 clients are built with to talk to it. */
  clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };
  /** Ctrl-C; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `slipway up --port 0 --json --home HOME ARGS` in `cwd` (`port: 'home'`: without --port) and waits for its ready line. */
export async function startUp(options: { cwd: string; home: string; args?: string[]; env?: Record<string, string>; port?: 'home' }): Promise<RunningUp> {
  const port = options.port === 'home' ? [] : ['--port', '0'];
  const started = startSlipway(['up', ...port, '--json', '--home', options.home, ...(options.args ?? [])], { cwd: options.cwd, env: options.env });
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 30 s; stderr: ${started.stderr()}`)), 30_000);
    const look = () => {
      const line = started.stdout().split('\n')[0];
      if (line && started.stdout().includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as ReadyLine);
      }
    };
    started.child.stdout!.on('data', look);
    void started.exited.then(({ code }) => reject(new Error(`slipway up ended with ${code} before it was ready: ${started.stderr()}`)));
  });
  let stopped: Promise<number | null> | undefined;
  return {
    process: started,
    ready,
    clientConfig: {
      endpoint: ready.endpoint, region: ready.region,
      credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey }, maxAttempts: 1,
    },
    stop: () => {
      if (!stopped) {
        started.child.kill('SIGINT');
        stopped = started.exited.then(({ code }) => code);
      }
      return stopped;
    },
  };
}
