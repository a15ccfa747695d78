// `slipway build --project-name P` runs a project of the local account as CodeBuild's StartBuild
// would: a stack made from `slipway synth`'s template gives the build its REPOSITORY_URI, and the
// recipe-style buildspec (build, tag with the commit, push) ends with the image in the local
// registry, with no --env and no pasted URI; `slipway builds` and `slipway logs` then show it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistryProcess, type RegistryProcess } from '../registry/registry-process.js';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipway } from '../support/run-cli.js';

const BUILDSPEC = `version: 0.2
phases:
  pre_build:
    commands:
      - IMAGE_TAG="$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c 1-7)"
  build:
    commands:
      - docker build -t "$REPOSITORY_URI:$IMAGE_TAG" .
  post_build:
    commands:
      - docker push "$REPOSITORY_URI:$IMAGE_TAG"
      - printf '[{"name":"%s","imageUri":"%s"}]' "$CONTAINER_NAME" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json
artifacts:
  files: imagedefinitions.json
`;

let home: string;
let dockerConfig: string;
let repo: GitRepo;
let registry: RegistryProcess;
const images: string[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'slipway-project-home-'));
  dockerConfig = mkdtempSync(join(tmpdir(), 'slipway-docker-config-'));
  repo = makeGitRepo({
    Dockerfile: `FROM ${ensureBusyboxImage()}\nCOPY hello.txt /hello.txt\n`,
    'hello.txt': 'hello from a project build\n',
    'buildspec.yml': BUILDSPEC,
    'slipway.yml': 'name: widget\nsource:\n  provider: connection\n  owner: acme\n  repository: widget\n',
  });
  registry = await startRegistryProcess(['--home', home]);
  // The AWS endpoint issue removes this step; until then the build reads docker's own login.
  execFileSync('docker', ['login', registry.startup.registry, '--username', 'AWS', '--password-stdin'], { input: readFileSync(registry.startup.passwordFile!), env: { ...process.env, DOCKER_CONFIG: dockerConfig }, stdio: ['pipe', 'ignore', 'ignore'] });
});

afterAll(async () => {
  registry?.child.kill('SIGINT');
  await registry?.exited;
  for (const image of images) execFileSync('docker', ['rmi', '-f', image], { stdio: 'ignore' });
  for (const dir of [home, dockerConfig, repo.dir]) rmSync(dir, { recursive: true, force: true });
});

const slipway = (args: string[]) => runSlipway([...args, '--home', home], { cwd: repo.dir, env: { ...process.env, SLIPWAY_HOME: undefined, DOCKER_CONFIG: dockerConfig } });

describe('a stack\'s CodeBuild project', () => {
  it('builds and pushes the commit\'s image with the REPOSITORY_URI the stack gave it; builds and logs show the build', async () => {
    const created = await slipway(['stack', 'create']);
    expect(created.stderr).toContain('stack name: widget-dev (<name>-<env> from slipway.yml');
    expect(created.code).toBe(0);
    const build = await slipway(['build', '--project-name', 'widget-dev-build', '--json']);
    expect(build.code, build.stderr).toBe(0);
    const sha7 = repo.git('rev-parse', 'HEAD').slice(0, 7);
    const uri = `${registry.startup.registry}/widget`;
    images.push(`${uri}:${sha7}`);
    const result = JSON.parse(build.stdout.trim().split('\n').at(-1)!) as { id: string; buildStatus: string; projectName: string; environment: { privilegedMode: boolean } };
    expect(result).toMatchObject({ buildStatus: 'SUCCEEDED', projectName: 'widget-dev-build', environment: { privilegedMode: true } });
    const password = readFileSync(registry.startup.passwordFile!, 'utf8');
    const tags = await fetch(`${registry.startup.endpoint}/v2/widget/tags/list`, { headers: { Authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}` } });
    expect(await tags.json()).toEqual({ name: 'widget', tags: [sha7] });
    const listed = JSON.parse((await slipway(['builds', '--json'])).stdout) as { builds: { id: string; buildStatus: string; buildNumber: number }[] };
    expect(listed.builds[0]).toMatchObject({ id: result.id, buildStatus: 'SUCCEEDED', buildNumber: 1 });
    const log = await slipway(['logs', result.id]);
    expect(log.code).toBe(0);
    expect(log.stdout).toContain(`Running command docker push "$REPOSITORY_URI:$IMAGE_TAG"`);
    expect(log.stdout).toContain('Running on the host because the project image aws/codebuild/standard:7.0 is not available offline');
    expect(log.stdout.trim().split('\n').at(-1)).toMatch(/Build SUCCEEDED$/);
  });

  it('is refused under a name the account has no project of, naming the projects it has; --ad-hoc runs outside any', async () => {
    const unknown = await slipway(['build', '--project-name', 'widget-dev-bild', '--host']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: Project cannot be found: arn:aws:codebuild:us-east-1:000000000000:project/widget-dev-bild');
    expect(unknown.stderr).toContain('hint: the projects of this account: widget-dev-build');
    const adHoc = await slipway(['build', '--ad-hoc', '--project-name', 'widget-dev-bild', '--host', '--buildspec', 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "uri=[$REPOSITORY_URI]"\n']);
    expect(adHoc.code).toBe(0);
    expect(adHoc.stderr).toContain('uri=[]');
  });
});
