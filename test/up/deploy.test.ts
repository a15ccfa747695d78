// The same commands serve both places: `slipway deploy --endpoint-url` pointed at a running
// `slipway up` creates the local stack through change sets (signing with the local key, found
// through the home), a second deploy has no changes, `status` reads the pipeline's state, and
// `destroy` empties the artifact bucket through S3 and deletes the stack. The AWS CLI's
// `cloudformation create-stack` makes a local stack `slipway stack describe` shows.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLIS, runCli } from '../aws-api/wire/support/aws-cli.js';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipwayProcess } from '../support/slipway-process.js';
import { startUp, type RunningUp } from './support/running-up.js';

let dir: string;
let home: string;
let project: GitRepo;
let up: RunningUp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-up-deploy-'));
  home = join(dir, 'home');
  project = makeGitRepo();
  cpSync(fileURLToPath(new URL('../../examples/widget', import.meta.url)), project.dir, { recursive: true });
  project.git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  expect((await runSlipwayProcess(['init'], { cwd: project.dir })).code).toBe(0);
  project.commit({}, 'widget');
  up = await startUp({ cwd: dir, home, args: ['--source', `acme/widget=${project.dir}`] });
}, 60_000);

afterAll(async () => {
  await up?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(project.dir, { recursive: true, force: true });
});

const slipway = (...args: string[]) => runSlipwayProcess([...args, '--home', home], { cwd: project.dir });

describe('slipway deploy --endpoint-url <slipway up>', () => {
  it('creates the stack, then has no changes, shows its status, and destroys it with its bucket emptied', async () => {
    const created = await slipway('deploy', '--endpoint-url', up.ready.endpoint, '--yes');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('widget-dev: created (CREATE_COMPLETE)');
    expect(created.stdout).toContain(`RepositoryUri\t${up.ready.registry}/widget`);
    const described = JSON.parse((await slipway('stack', 'describe', '--stack-name', 'widget-dev', '--json')).stdout) as { StackStatus: string; Resources: unknown[] };
    expect(described.StackStatus).toBe('CREATE_COMPLETE');

    const again = await slipway('deploy', '--endpoint-url', up.ready.endpoint, '--yes');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('widget-dev: no changes');

    // The pipeline ran when it was created: its source artifact is in the bucket destroy must empty.
    const status = await slipway('status', '--endpoint-url', up.ready.endpoint);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/pipeline widget-dev\n {2}Source: (Succeeded|InProgress)/);

    const destroyed = await slipway('destroy', '--endpoint-url', up.ready.endpoint, '--yes');
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(destroyed.stderr).toContain('widget-dev: deleted');
    const after = await slipway('stack', 'describe', '--stack-name', 'widget-dev');
    expect(after.code).not.toBe(0);
  }, 120_000);

  it('aws cloudformation create-stack makes a local stack', async () => {
    const template = join(dir, 'topic.yaml');
    writeFileSync(template, 'Resources:\n  Param:\n    Type: AWS::SSM::Parameter\n    Properties: { Name: /app/colour, Type: String, Value: blue }\n');
    const key = { accessKeyId: up.ready.accessKeyId, secretAccessKey: up.ready.secretAccessKey };
    const created = await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['cloudformation', 'create-stack', '--stack-name', 'by-cli', '--template-body', `file://${template}`], key);
    expect(created.code, created.stderr).toBe(0);
    const waited = await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'by-cli'], key);
    expect(waited.code, waited.stderr).toBe(0);
    const described = JSON.parse((await slipway('stack', 'describe', '--stack-name', 'by-cli', '--json')).stdout) as { StackStatus: string; StackId: string };
    expect(described).toMatchObject({ StackStatus: 'CREATE_COMPLETE', StackId: JSON.parse(created.stdout).StackId });
    const parameter = await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['ssm', 'get-parameter', '--name', '/app/colour'], key);
    expect(JSON.parse(parameter.stdout).Parameter.Value).toBe('blue');
  }, 60_000);
});
