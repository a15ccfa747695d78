// A moto_server on 127.0.0.1 for one test file: started on a free port, stopped by its pid.
// moto speaks the AWS wire protocols, so the real SDK clients talk to it over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running moto_server. */
export interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// moto takes ~5 s to answer on an idle 2-core machine and has taken over 25 s under load: wait
// for it against a generous deadline, not a count of tries.
const START_DEADLINE_MS = 90_000;
const START_ATTEMPTS = 3;

/** Resolves once moto answers; false if it exited first (e.g. another process took the port). */
async function waitUntilServing(endpoint: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto_server did not answer at ${endpoint} within ${START_DEADLINE_MS / 1000} s`);
}

/** Starts moto_server on a free port of 127.0.0.1 (a new port if the first was taken meanwhile). */
export async function startMoto(): Promise<Moto> {
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const port = await freePort();
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const endpoint = `http://127.0.0.1:${port}`;
    if (await waitUntilServing(endpoint, child)) return { endpoint, stop: () => stopChild(child) };
  }
  throw new Error(`moto_server exited before answering, ${START_ATTEMPTS} times: is it installed (pip install 'moto[server]')?`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(child.pid as number, 'SIGTERM');
  });
}

/** Fake credentials and region for moto, and nothing from this machine's AWS configuration. */
export function useFakeAwsCredentials(): void {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_DEFAULT_PROFILE;
}
