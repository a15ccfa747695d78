// `slipway deploy`, `destroy` and `status` as a user runs them, against moto_server: exit codes,
// progress lines on stderr, data and --json on stdout, refusal to prompt without a terminal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from './support/cli.js';
import { startMoto, useFakeAwsCredentials, type Moto } from './support/moto.js';

const fixtures = join(import.meta.dirname, 'fixtures');
let moto: Moto;
let aws: string[];
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}/;

beforeAll(async () => {
  useFakeAwsCredentials();
  moto = await startMoto();
  aws = ['--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--stack-name', 'cli-app'];
});
afterAll(async () => {
  await moto?.stop();
});

const deployV = (version: 1 | 2, ...extra: string[]) => slipway(['deploy', '--template', `pipeline-v${version}.yml`, '--parameter', 'Env=cli', ...aws, ...extra], fixtures);

describe('slipway deploy', () => {
  it('creates the stack with --yes, one timestamped line per event on a non-terminal, and exits 0', async () => {
    const run = await deployV(1, '--yes');
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => !line.startsWith(' ')).every((line) => STAMP.test(line) || line === 'cli-app: created (CREATE_COMPLETE)')).toBe(true);
    expect(lines.map((line) => line.replace(STAMP, ''))).toEqual([
      'using AWS account 123456789012 as arn:aws:sts::123456789012:user/moto',
      'creating a CREATE change set for cli-app',
      'change set for cli-app:',
      expect.stringMatching(/^ +\+ add {5}ArtifactBucket {2}AWS::S3::Bucket$/),
      expect.stringMatching(/^ +\+ add {5}Repository {2}AWS::ECR::Repository$/),
      expect.stringMatching(/^ +2 to add, 0 to modify, 0 to replace, 0 to remove$/),
      'CREATE cli-app',
      'cli-app  AWS::CloudFormation::Stack  CREATE_IN_PROGRESS  User Initiated',
      'cli-app  AWS::CloudFormation::Stack  CREATE_COMPLETE',
      'cli-app is CREATE_COMPLETE',
      'cli-app: created (CREATE_COMPLETE)',
    ]);
  });

  it('reports "no changes" and exits 0 when nothing changed', async () => {
    const run = await deployV(1, '--yes');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/no changes: cli-app already matches the template/);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('cli-app: no changes');
  });

  it('shows the changes, then refuses to prompt without a terminal and exits 2 with a hint', async () => {
    const run = await deployV(2);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\+ add {5}BuildLogs {2}AWS::Logs::LogGroup/);
    expect(run.stderr).toMatch(/error: not asking without a terminal: execute change set slipway-\d{14} on stack cli-app\?/);
    expect(run.stderr).toMatch(/hint: pass --yes/);
  });

  it('with --json, prints NDJSON events and then the result on stdout', async () => {
    const run = await deployV(2, '--yes', '--json');
    expect(run.code).toBe(0);
    const documents = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(documents.slice(0, -1).every((event) => typeof event.type === 'string' && typeof event.at === 'string')).toBe(true);
    expect(documents.at(-1)).toMatchObject({ status: 'updated', stackName: 'cli-app', stackStatus: 'UPDATE_COMPLETE', changes: { counts: { add: 1, modify: 1 } } });
  });

  it('exits 2 with the problem placed in the template when the template fails validation', async () => {
    const run = await slipway(['deploy', '--template', 'invalid-reference.yml', ...aws.slice(0, 4), '--stack-name', 'cli-invalid', '--yes'], fixtures);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: AWS rejected cloudformation:ValidateTemplate: .*Repositry/);
    expect(run.stderr).toMatch(/^ {2}invalid-reference\.yml:9:20 Repositry: /m);
  });

  it('exits 2 on an --endpoint-url that is not a URL, before calling anything', async () => {
    for (const verb of ['deploy', 'status', 'destroy']) {
      const template = verb === 'deploy' ? ['--template', 'pipeline-v1.yml'] : [];
      const yes = verb === 'status' ? [] : ['--yes'];
      const run = await slipway([verb, ...template, '--stack-name', 'widget-dev', '--endpoint-url', 'notaurl', '--region', 'us-east-1', ...yes], fixtures);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--endpoint-url expects an http:\/\/ or https:\/\/ URL, found "notaurl"/);
    }
  });

  it('exits 2 on a malformed --parameter', async () => {
    const run = await slipway(['deploy', '--template', 'pipeline-v1.yml', '--parameter', 'Env', ...aws, '--yes'], fixtures);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--parameter expects NAME=VALUE, found "Env"/);
  });

  it('exits 3 when there are no AWS credentials', async () => {
    const saved = { ...process.env };
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
    try {
      const run = await deployV(1, '--yes');
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/error: no AWS credentials found for sts:GetCallerIdentity/);
      expect(run.stderr).toMatch(/hint: .*--profile/);
    } finally {
      Object.assign(process.env, saved);
    }
  });
});

describe('credentials from a profile', () => {
  it('--profile reads the shared credentials file instead of the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-profile-'));
    const saved = { ...process.env };
    try {
      writeFileSync(join(dir, 'credentials'), '[ci]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      const withoutProfile = await slipway(['status', ...aws.slice(0, 4), '--stack-name', 'nothing-here'], fixtures);
      expect(withoutProfile.code).toBe(3);
      const withProfile = await slipway(['status', ...aws.slice(0, 4), '--stack-name', 'nothing-here', '--profile', 'ci'], fixtures);
      expect(withProfile.stderr).toMatch(/stack nothing-here does not exist/);
      expect(withProfile.code).toBe(2);
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('progress on a terminal', () => {
  it('draws a spinner line for the running operation and a ticked line per finished step', async () => {
    const run = await slipway(['deploy', '--template', 'pipeline-v1.yml', '--parameter', 'Env=tty', ...aws.slice(0, 4), '--stack-name', 'cli-tty', '--yes'], fixtures, true);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^• creating a CREATE change set for cli-tty$/m);
    expect(run.stderr).toMatch(/✔ cli-tty {2}AWS::CloudFormation::Stack {2}CREATE_COMPLETE/);
    // The spinner line is redrawn in place: carriage return, clear to end of line.
    expect(run.stderr.includes('\r\u001b[K')).toBe(true);
    expect(run.stderr).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] CREATE cli-tty/);
  });
});

describe('slipway status and destroy', () => {
  it('status --json reports the stack and the repository it created', async () => {
    const run = await slipway(['status', ...aws, '--json'], fixtures);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ stackName: 'cli-app', stack: { status: 'UPDATE_COMPLETE' }, repository: { name: 'slipway-test-cli', images: [] }, connections: [] });
  });

  it('status prints a readable summary', async () => {
    const run = await slipway(['status', ...aws], fixtures);
    expect(run.stdout).toBe('stack cli-app: UPDATE_COMPLETE\nrepository slipway-test-cli: no images\n');
  });

  it('destroy --yes deletes the stack and exits 0; status then exits 2', async () => {
    const run = await slipway(['destroy', ...aws, '--yes'], fixtures);
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('cli-app: deleted');
    const after = await slipway(['status', ...aws], fixtures);
    expect(after.code).toBe(2);
    expect(after.stderr).toMatch(/error: stack cli-app does not exist/);
  });

  it('destroy without a terminal and without --yes refuses before deleting anything', async () => {
    await deployV(1, '--yes');
    const run = await slipway(['destroy', ...aws], fixtures);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not asking without a terminal: delete stack cli-app/);
    expect((await slipway(['status', ...aws], fixtures)).code).toBe(0);
  });
});

describe('stack name and template from slipway.yml', () => {
  it('deploys the template synthesized from slipway.yml to the stack <name>-<env>, up to the change set', async () => {
    // moto validates slipway's real template and makes its change set, but cannot execute it: it
    // skips CodeBuild and CodePipeline resources, then fails on the GetAtt that names them. So
    // the run stops at the confirmation, which a non-terminal refuses, and leaves nothing behind.
    const dir = mkdtempSync(join(tmpdir(), 'slipway-deploy-'));
    try {
      writeFileSync(join(dir, 'slipway.yml'), 'name: shop\nsource:\n  owner: acme\n  repository: shop\n');
      const run = await slipway(['deploy', '--endpoint-url', moto.endpoint, '--region', 'us-east-1'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/creating a CREATE change set for shop-dev/);
      for (const resource of ['ArtifactStore  AWS::S3::Bucket', 'BuildProject  AWS::CodeBuild::Project', 'Connection  AWS::CodeStarConnections::Connection', 'Pipeline  AWS::CodePipeline::Pipeline', 'Repository  AWS::ECR::Repository']) {
        expect(run.stderr).toContain(`+ add     ${resource}`);
      }
      expect(run.stderr).not.toMatch(/warning:/);
      expect(run.stderr).toMatch(/not asking without a terminal/);
      const after = await slipway(['status', '--endpoint-url', moto.endpoint, '--region', 'us-east-1'], dir);
      expect(after.stderr).toMatch(/stack shop-dev does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 when the confirmed change set cannot be executed (moto and slipway\'s real template)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-deploy-'));
    try {
      writeFileSync(join(dir, 'slipway.yml'), 'name: cart\nsource:\n  owner: acme\n  repository: cart\n');
      const run = await slipway(['deploy', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--yes'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/error: executing the change set failed: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a slipway.yml problem with its location and exit 2, before calling AWS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-deploy-'));
    try {
      writeFileSync(join(dir, 'slipway.yml'), 'name: Shop\nsource:\n  repository: shop\n');
      const run = await slipway(['deploy', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--yes'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/slipway\.yml:1:7/);
      expect(run.stderr).not.toMatch(/using AWS account/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the stack name `<name>-<env>` from slipway.yml when no --stack-name is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-deploy-'));
    try {
      writeFileSync(join(dir, 'slipway.yml'), 'name: cli\nenv: app\nsource:\n  owner: me\n  repository: app\n');
      expect((await deployV(1, '--yes')).code).toBe(0);
      const run = await slipway(['status', '--endpoint-url', moto.endpoint, '--region', 'us-east-1'], dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^stack cli-app: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
