// The recipe's buildspec after `slipway doctor --fix`, run by `slipway build --host` beside a
// running `slipway up` with the variables the template passes (REPOSITORY_URI, CONTAINER_NAME):
// it logs in (`aws ecr get-login-password` answered by up's endpoint, which every build of the
// home reaches), builds, pushes the commit tag and `latest`, and writes imagedefinitions.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AWS_CLIS, runCli } from '../aws-api/wire/support/aws-cli.js';
import { makeGitRepo } from '../support/git-repo.js';
import { zipEntries } from '../codebuild/zip-entries.js';
import { runSlipway } from '../support/run-cli.js';
import { startUp } from '../up/support/running-up.js';

const RECIPE = readFileSync(new URL('./fixtures/recipe/buildspec.yml', import.meta.url), 'utf8');
const cleanUp: (() => unknown)[] = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanUp.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

it('the fixed recipe buildspec logs in, builds and pushes to the local registry with the variables the template passes', async () => {
  const home = folder('slipway-doctor-build-home-');
  // Started outside the repository, so up deploys no stack of its slipway.yml.
  const up = await startUp({ cwd: folder('slipway-doctor-build-up-'), home });
  cleanUp.push(() => up.stop());
  const key = { accessKeyId: up.ready.accessKeyId, secretAccessKey: up.ready.secretAccessKey };
  expect((await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['ecr', 'create-repository', '--repository-name', 'widget'], key)).code).toBe(0);
  const host = up.ready.registry;
  const repo = makeGitRepo({ 'buildspec.yml': RECIPE, Dockerfile: 'FROM scratch\nCOPY hello.txt /hello.txt\n', 'hello.txt': 'hello\n' });
  repo.git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  const env = { ...process.env, SLIPWAY_HOME: home, DOCKER_CONFIG: folder('slipway-docker-config-') };
  expect((await runSlipway(['init'], { cwd: repo.dir, env })).code).toBe(0);
  expect((await runSlipway(['doctor', '--fix', '--no-machine'], { cwd: repo.dir, env })).code).toBe(0);
  const commit = repo.commit({}, 'buildspec fixed by slipway doctor --fix');
  const tag = commit.slice(0, 7);
  cleanUp.push(() => spawnSync('docker', ['rmi', '--force', `${host}/widget:latest`, `${host}/widget:${tag}`], { stdio: 'ignore' }));

  const build = await runSlipway(['build', '--host', '--env', `REPOSITORY_URI=${host}/widget`, '--env', 'CONTAINER_NAME=widget'], {
    cwd: repo.dir,
    env,
  });
  expect(build.stderr).toContain('Login Succeeded');
  expect(build.stderr).toContain('Phase complete: POST_BUILD State: SUCCEEDED');
  expect(build.code).toBe(0);
  // The build ran on a fresh copy of the repository: imagedefinitions.json is in the artifact, not the tree.
  const artifact = /^artifact: (.+)$/m.exec(build.stdout)![1]!;
  const [definitions] = (await zipEntries(artifact)).filter((entry) => entry.name === 'imagedefinitions.json');
  expect(JSON.parse(definitions!.content)).toEqual([{ name: 'hello-dude', imageUri: `${host}/widget:${tag}` }]);
  const password = (await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['ecr', 'get-login-password'], key)).stdout.trim();
  const tags = execFileSync('skopeo', ['list-tags', '--tls-verify=false', '--creds', `AWS:${password}`, `docker://${host}/widget`], { encoding: 'utf8' });
  expect((JSON.parse(tags) as { Tags: string[] }).Tags.sort()).toEqual([tag, 'latest'].sort());
});
