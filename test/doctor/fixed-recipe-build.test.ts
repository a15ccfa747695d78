// The recipe's buildspec after `slipway doctor --fix`, run by `slipway build --host` against
// `slipway registry` with the variables the template passes (REPOSITORY_URI, CONTAINER_NAME):
// it logs in, builds, pushes the commit tag and `latest`, and writes imagedefinitions.json.
// The ECR login (`aws ecr get-login-password`) needs the local AWS endpoint, which does not exist
// yet: until it does, an `aws` first on PATH answers that one call with the registry's password,
// as the endpoint will, and hands every other call to the real AWS CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startRegistryProcess, type RegistryProcess } from '../registry/registry-process.js';
import { makeGitRepo } from '../support/git-repo.js';
import { zipEntries } from '../codebuild/zip-entries.js';
import { runSlipway } from '../support/run-cli.js';

const RECIPE = readFileSync(new URL('./fixtures/recipe/buildspec.yml', import.meta.url), 'utf8');
const cleanUp: (() => void)[] = [];
afterAll(() => cleanUp.reverse().forEach((step) => step()));

function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanUp.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A PATH folder whose `aws` answers get-login-password from the registry's password file. */
function endpointStandIn(passwordFile: string): string {
  const dir = folder('slipway-aws-stand-in-');
  const realAws = execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'aws'), `#!/bin/sh\nif [ "$1" = ecr ] && [ "$2" = get-login-password ]; then cat '${passwordFile}'; exit 0; fi\nexec '${realAws}' "$@"\n`);
  chmodSync(join(dir, 'aws'), 0o755);
  return dir;
}

it('the fixed recipe buildspec logs in, builds and pushes to slipway registry with the variables the template passes', async () => {
  const home = folder('slipway-doctor-build-home-');
  const registry: RegistryProcess = await startRegistryProcess(['--repository', 'widget', '--home', home]);
  cleanUp.push(() => registry.child.kill('SIGTERM'));
  const host = new URL(registry.startup.endpoint).host;
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
    env: { ...env, PATH: `${endpointStandIn(registry.startup.passwordFile!)}:${process.env.PATH}` },
  });
  expect(build.stderr).toContain('Login Succeeded');
  expect(build.stderr).toContain('Phase complete: POST_BUILD State: SUCCEEDED');
  expect(build.code).toBe(0);
  // The build ran on a fresh copy of the repository: imagedefinitions.json is in the artifact, not the tree.
  const artifact = /^artifact: (.+)$/m.exec(build.stdout)![1]!;
  const [definitions] = (await zipEntries(artifact)).filter((entry) => entry.name === 'imagedefinitions.json');
  expect(JSON.parse(definitions!.content)).toEqual([{ name: 'hello-dude', imageUri: `${host}/widget:${tag}` }]);
  const tags = execFileSync('skopeo', ['list-tags', '--tls-verify=false', '--creds', `AWS:${readFileSync(registry.startup.passwordFile!, 'utf8')}`, `docker://${host}/widget`], { encoding: 'utf8' });
  expect((JSON.parse(tags) as { Tags: string[] }).Tags.sort()).toEqual([tag, 'latest'].sort());
});
