// A real `slipway up` on a fresh home, with what the buildspecs in the wild read set up through
// its endpoint by the real AWS CLI (ECR repositories, a parameter, secrets), and `slipway build`
// run in processes of their own beside it, as a user runs them in another terminal. Each build
// runs in one of the six places issue 11 names: on the host or in a container, with the AWS CLI
// v1, the CLI v2, or no AWS CLI at all.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_CLIS, runCli } from '../../aws-api/wire/support/aws-cli.js';
import { ensureAwsCliImage } from '../../support/aws-cli-image.js';
import { ensureBusyboxImage } from '../../support/busybox-image.js';
import { runSlipwayProcess } from '../../support/slipway-process.js';
import { startUp, type RunningUp } from '../../up/support/running-up.js';

/** The six places, by name. */
export const PLACE_NAMES = ['host, AWS CLI v1', 'host, AWS CLI v2', 'host, no AWS CLI', 'container, AWS CLI v1', 'container, AWS CLI v2', 'container, no AWS CLI'] as const;
export type PlaceName = (typeof PLACE_NAMES)[number];

/** Where a build runs and which `aws` it finds. */
export interface Place {
  name: string;
  /** What `aws --version` starts with in the build (through the stand-in). */
  version: string;
  /** `slipway build`'s runner flags. */
  flags: string[];
  /** The environment `slipway build` runs with (a host build inherits PATH from it). */
  env: Record<string, string>;
}

/** A PATH holding busybox's applets, bash, git and docker, and no AWS CLI. */
export function pathWithoutCli(dir: string): string {
  const bin = join(dir, 'no-cli-bin');
  mkdirSync(bin, { recursive: true });
  execFileSync('busybox', ['--install', '-s', bin]);
  for (const tool of ['bash', 'git', 'docker']) {
    rmSync(join(bin, tool), { force: true });
    symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
  }
  return bin;
}


/** One of the six places. Host builds keep their docker logins in `dir`, not in the user's ~/.docker. */
export function place(name: PlaceName, dir: string): Place {
  // A real account's settings in slipway's environment, which a build of the local account must not inherit.
  const host = { DOCKER_CONFIG: join(dir, 'docker-config'), AWS_PROFILE: 'a-real-account', AWS_SESSION_TOKEN: 'a-real-session' };
  const container = (image: string) => ['--image', image, '--privileged'];
  switch (name) {
    // This machine's first `aws` is pyenv's CLI v1 (1.45, which reads AWS_ENDPOINT_URL); /usr/bin/aws is
    // Debian's CLI v2 2.9.19, which ignores it (before 2.13), so only --endpoint-url takes it to up.
    case 'host, AWS CLI v1': return { name, version: 'aws-cli/1.', flags: ['--host'], env: host };
    case 'host, AWS CLI v2': return { name, version: 'aws-cli/2.', flags: ['--host'], env: { ...host, PATH: '/usr/local/bin:/usr/bin:/bin' } };
    case 'host, no AWS CLI': return { name, version: 'aws-cli/slipway-stand-in', flags: ['--host'], env: { ...host, PATH: pathWithoutCli(dir) } };
    case 'container, AWS CLI v1': return { name, version: 'aws-cli/1.', flags: container(ensureAwsCliImage('v1')), env: {} };
    case 'container, AWS CLI v2': return { name, version: 'aws-cli/2.', flags: container(ensureAwsCliImage('v2')), env: {} };
    case 'container, no AWS CLI': return { name, version: 'aws-cli/slipway-stand-in', flags: container(ensureBusyboxImage()), env: {} };
  }
}

/** A running up and what its builds read. */
export interface ReachUp {
  dir: string;
  home: string;
  up: RunningUp;
  /** `000000000000.dkr.ecr.us-east-1.amazonaws.com` */
  ecrHost: string;
  /** The AWS CLI v1 against up's endpoint; fails the test on a failed call. */
  aws(args: string[]): Promise<string>;
  /** The tags of a repository in the local registry and their digests (ListImages through the endpoint). */
  tags(repository: string): Promise<Record<string, string>>;
  /** `slipway build --home <home> ARGS` in `cwd`, its log on stderr. */
  build(cwd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/** The values the buildspecs read from the parameter store and Secrets Manager. */
export const STORED = { parameter: 'param-value', secret: 'secret-value', jsonPassword: 'json-password' };

/** Starts up on a fresh home and makes the repositories named, the parameter and the secrets. */
export async function startReachUp(repositories: string[]): Promise<ReachUp> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-reach-'));
  const home = join(dir, 'home');
  const up = await startUp({ cwd: dir, home });
  const { endpoint, accountId, region, accessKeyId, secretAccessKey, registry } = up.ready;
  const aws = async (args: string[]) => {
    const run = await runCli(AWS_CLIS[0]!, endpoint, args, { accessKeyId, secretAccessKey });
    if (run.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return run.stdout;
  };
  try {
    for (const name of repositories) await aws(['ecr', 'create-repository', '--repository-name', name]);
    await aws(['ssm', 'put-parameter', '--name', '/reach/param', '--type', 'String', '--value', STORED.parameter]);
    await aws(['secretsmanager', 'create-secret', '--name', 'reach/secret', '--secret-string', STORED.secret]);
    await aws(['secretsmanager', 'create-secret', '--name', 'reach/json', '--secret-string', JSON.stringify({ password: STORED.jsonPassword })]);
  } catch (error) {
    await up.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    home,
    up,
    ecrHost: `${accountId}.dkr.ecr.${region}.amazonaws.com`,
    aws,
    tags: async (repository) => {
      const listed = JSON.parse(await aws(['ecr', 'list-images', '--repository-name', repository])) as { imageIds: { imageTag?: string; imageDigest: string }[] };
      return Object.fromEntries(listed.imageIds.flatMap((id) => (id.imageTag ? [[id.imageTag, id.imageDigest]] : [])));
    },
    build: (cwd, args, env) => runSlipwayProcess(['build', '--home', home, ...args], { cwd, env }),
    async close() {
      await up.stop();
      // The engine holds the builds' images under its alias for the registry (localhost:<port>).
      const alias = `localhost:${registry.slice(registry.lastIndexOf(':') + 1)}`;
      const images = execFileSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).split('\n').filter((name) => name.startsWith(`${alias}/`));
      if (images.length > 0) execFileSync('docker', ['rmi', '--force', ...images], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
