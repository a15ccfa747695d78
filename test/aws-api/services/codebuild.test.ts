// CodeBuild through the local endpoint's handlers, on the account's CodeBuild with real builds
// (on this machine: no image is mapped): StartBuild answers with the running build and the build
// runs on as a background task; StopBuild; the records of builds and projects; CodeBuild's errors.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from './support/api-harness.js';
import { buildspecRunning, createProject } from './support/projects.js';

let api: ApiHarness;
const codebuild = (operation: string, input: Record<string, unknown> = {}) => api.call('codebuild', operation, input);
type Build = {
  id: string; arn: string; buildNumber: number; buildStatus: string; currentPhase: string; buildComplete: boolean;
  initiator: string; phases: { phaseType: string; phaseStatus?: string }[]; logs: { groupName: string; streamName: string };
  environment: { image: string; privilegedMode: boolean }; timeoutInMinutes: number;
  exportedEnvironmentVariables: { name: string; value: string }[]
};
const getBuild = async (id: string) => ((await codebuild('BatchGetBuilds', { ids: [id] })) as { builds: Build[] }).builds[0]!;

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('StartBuild', () => {
  it('answers with the build in progress, which runs on in the background to SUCCEEDED', async () => {
    createProject(api.account, 'web', 'version: 0.2\nenv:\n  exported-variables: [GREETING]\nphases:\n  build:\n    commands:\n      - export GREETING="hello $FROM_PROJECT $FROM_CALLER"\n');
    const { build } = (await codebuild('StartBuild', { projectName: 'web', environmentVariablesOverride: [{ name: 'FROM_CALLER', value: 'caller' }], timeoutInMinutesOverride: 10 })) as { build: Build };
    expect(build).toMatchObject({ buildStatus: 'IN_PROGRESS', buildComplete: false, buildNumber: 1, initiator: 'root', arn: `arn:aws:codebuild:us-east-1:000000000000:build/${build.id}` });
    expect(build.id).toMatch(/^web:[0-9a-f-]{36}$/);
    expect(build.logs).toMatchObject({ groupName: '/aws/codebuild/web', streamName: build.id.slice(4) });
    expect(api.tasks.names).toEqual([`StartBuild ${build.id}`]);
    await api.tasks.settled();
    expect(api.tasks.failures).toEqual([]);
    const done = await getBuild(build.id);
    expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', buildComplete: true, currentPhase: 'COMPLETED', timeoutInMinutes: 10, exportedEnvironmentVariables: [{ name: 'GREETING', value: 'hello project caller' }] });
    expect(done.phases.map((phase) => phase.phaseType)).toContain('BUILD');
  });

  it('builds a local folder given as sourceLocationOverride, with its own buildspec.yml, and a buildspecOverride', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'slipway-source-'));
    try {
      writeFileSync(join(folder, 'buildspec.yml'), buildspecRunning('test -f marker'));
      writeFileSync(join(folder, 'marker'), 'here');
      createProject(api.account, 'web', '', { source: { type: 'GITHUB', location: 'https://github.com/octo/web', buildspec: buildspecRunning('exit 1') } });
      const ok = (await codebuild('StartBuild', { projectName: 'web', sourceLocationOverride: folder, buildspecOverride: 'buildspec.yml' })) as { build: Build };
      const failing = (await codebuild('StartBuild', { projectName: 'web', sourceLocationOverride: `file://${folder}` })) as { build: Build };
      await api.tasks.settled();
      expect((await getBuild(ok.build.id)).buildStatus).toBe('SUCCEEDED');
      expect((await getBuild(failing.build.id)).buildStatus).toBe('FAILED');
      await expect(codebuild('StartBuild', { projectName: 'web' })).rejects.toMatchObject({ code: 'InvalidInputException', message: expect.stringContaining('give sourceLocationOverride') });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('applies sourceVersion and secondary sources from local folders, and reads <home>/parameters.json first', async () => {
    const secondary = mkdtempSync(join(tmpdir(), 'slipway-secondary-'));
    try {
      writeFileSync(join(secondary, 'data.txt'), 'from-secondary');
      // Parameter values are masked in what a build exports, so the value's length tells which source it came from.
      writeFileSync(api.account.layout.parametersFile, JSON.stringify({ parameters: { '/app/name': 'from-file' } }));
      api.account.parameters.put({ name: '/app/name', type: 'String', value: 'from-store', dataType: 'text', tier: 'Standard' });
      createProject(api.account, 'web', [
        'version: 0.2', 'env:', '  parameter-store:', '    APP_NAME: /app/name', '  exported-variables: [VERSION, DATA, NAME]', 'phases:', '  build:', '    commands:',
        '      - export VERSION="$CODEBUILD_SOURCE_VERSION"', '      - export DATA="$(cat "$CODEBUILD_SRC_DIR_extra/data.txt")"', '      - export NAME="length ${#APP_NAME}"', '',
      ].join('\n'));
      const { build } = (await codebuild('StartBuild', { projectName: 'web', sourceVersion: 'refs/heads/main', secondarySourcesOverride: [{ type: 'NO_SOURCE', sourceIdentifier: 'extra', location: secondary }] })) as { build: Build };
      await api.tasks.settled();
      expect((await getBuild(build.id)).exportedEnvironmentVariables).toEqual([{ name: 'VERSION', value: 'refs/heads/main' }, { name: 'DATA', value: 'from-secondary' }, { name: 'NAME', value: 'length 9' }]);
    } finally {
      rmSync(secondary, { recursive: true, force: true });
    }
  });

  it('refuses a broken image map, naming its file', async () => {
    createProject(api.account, 'web', buildspecRunning('true'));
    mkdirSync(join(api.account.layout.imageMap, '..'), { recursive: true });
    writeFileSync(api.account.layout.imageMap, '["not", "a map"]');
    await expect(codebuild('StartBuild', { projectName: 'web' })).rejects.toMatchObject({ code: 'InvalidInputException', message: expect.stringContaining(api.account.layout.imageMap) });
  });

  it("refuses an unknown project, a folder that is not there, reserved variable names, a timeout out of range and what it cannot honour", async () => {
    createProject(api.account, 'web', buildspecRunning('true'));
    await expect(codebuild('StartBuild', { projectName: 'nope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException', message: 'Project cannot be found: arn:aws:codebuild:us-east-1:000000000000:project/nope' });
    await expect(codebuild('StartBuild', { projectName: 'web', sourceLocationOverride: '/no/such/folder' })).rejects.toMatchObject({ code: 'InvalidInputException' });
    await expect(codebuild('StartBuild', { projectName: 'web', environmentVariablesOverride: [{ name: 'CODEBUILD_X', value: '1' }] })).rejects.toMatchObject({ code: 'InvalidInputException' });
    await expect(codebuild('StartBuild', { projectName: 'web', timeoutInMinutesOverride: 1 })).rejects.toMatchObject({ code: 'InvalidInputException', message: expect.stringContaining('greater than or equal to 5') });
    await expect(codebuild('StartBuild', { projectName: 'web', artifactsOverride: { type: 'S3', location: 'b' } })).rejects.toMatchObject({ code: 'InvalidInputException', message: expect.stringContaining('artifactsOverride') });
    await expect(codebuild('StartBuild', {})).rejects.toMatchObject({ code: 'InvalidInputException', message: expect.stringContaining("'projectName'") });
    expect(api.account.codebuild.builds.list()).toEqual([]);
  });
});

describe('StopBuild', () => {
  it('stops a build this process runs: it ends STOPPED', async () => {
    createProject(api.account, 'slow', buildspecRunning('sleep 60'));
    const { build } = (await codebuild('StartBuild', { projectName: 'slow' })) as { build: Build };
    // Let the build reach its BUILD phase before it is stopped.
    for (let tries = 0; tries < 100 && (await getBuild(build.id)).currentPhase !== 'BUILD'; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const stopped = (await codebuild('StopBuild', { id: build.id })) as { build: Build };
    expect(stopped.build.id).toBe(build.id);
    await api.tasks.settled();
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await getBuild(build.id)).buildStatus).toBe('STOPPED');
    await expect(codebuild('StopBuild', { id: 'slow:00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });

  it('stops running builds when the endpoint stops its background tasks', async () => {
    createProject(api.account, 'slow', buildspecRunning('sleep 60'));
    const { build } = (await codebuild('StartBuild', { projectName: 'slow' })) as { build: Build };
    await api.tasks.stop();
    expect((await getBuild(build.id)).buildStatus).toBe('STOPPED');
  });
});

describe('builds and projects', () => {
  it('lists builds newest first (or oldest first), per project, and gets them in a batch with the ids not found', async () => {
    createProject(api.account, 'one', buildspecRunning('true'));
    createProject(api.account, 'two', buildspecRunning('true'));
    const ids: string[] = [];
    for (const projectName of ['one', 'two', 'one']) ids.push(((await codebuild('StartBuild', { projectName })) as { build: Build }).build.id);
    await api.tasks.settled();
    expect(await codebuild('ListBuilds')).toEqual({ ids: [ids[2], ids[1], ids[0]] });
    expect(await codebuild('ListBuilds', { sortOrder: 'ASCENDING' })).toEqual({ ids });
    expect(await codebuild('ListBuildsForProject', { projectName: 'one' })).toEqual({ ids: [ids[2], ids[0]] });
    const batch = (await codebuild('BatchGetBuilds', { ids: [ids[0], 'one:missing'] })) as { builds: Build[]; buildsNotFound: string[] };
    expect(batch.builds.map((build) => [build.id, build.buildNumber])).toEqual([[ids[0], 1]]);
    expect(batch.buildsNotFound).toEqual(['one:missing']);
    await expect(codebuild('ListBuildsForProject', { projectName: 'nope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await expect(codebuild('BatchGetBuilds', { ids: [] })).rejects.toMatchObject({ code: 'InvalidInputException' });
  });

  it('gives projects in the Project shape, by name or ARN, and lists their names in the order asked', async () => {
    const web = createProject(api.account, 'web', buildspecRunning('true'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    createProject(api.account, 'api', buildspecRunning('true'));
    const batch = (await codebuild('BatchGetProjects', { names: [web.arn, 'missing'] })) as { projects: Record<string, unknown>[]; projectsNotFound: string[] };
    expect(batch.projects).toEqual([expect.objectContaining({ name: 'web', arn: web.arn, created: expect.any(Date), lastModified: expect.any(Date), timeoutInMinutes: 60, environment: expect.objectContaining({ image: 'aws/codebuild/standard:7.0' }) })]);
    expect(batch.projectsNotFound).toEqual(['missing']);
    expect(await codebuild('ListProjects')).toEqual({ projects: ['api', 'web'] });
    expect(await codebuild('ListProjects', { sortBy: 'CREATED_TIME', sortOrder: 'DESCENDING' })).toEqual({ projects: ['api', 'web'] });
    expect(await codebuild('ListProjects', { sortBy: 'CREATED_TIME' })).toEqual({ projects: ['web', 'api'] });
    await expect(codebuild('ListProjects', { sortBy: 'SIZE' })).rejects.toMatchObject({ code: 'InvalidInputException' });
  });
});
