// Stack operations survive a crash: slipway is killed with SIGKILL at several points of a create,
// an update, a delete and their rollbacks (fault points, src/local/state/faults.ts), and the very
// next command on the home finishes the operation as CloudFormation would. Afterwards the stack
// is in a final state, its events say what happened, and nothing local is left that the stack no
// longer lists: bucket folders, registry repositories, bare Git repositories, parameters, secrets.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalAccount } from '../../src/local/account/index.js';
import { openRegistryControl } from '../../src/local/registry/index.js';
import { runSlipwayProcess } from '../support/slipway-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BASE = `Resources:
  Bucket: { Type: AWS::S3::Bucket }
  Repo: { Type: AWS::ECR::Repository, DependsOn: Bucket }
  Git: { Type: AWS::CodeCommit::Repository, Properties: { RepositoryName: crash-git }, DependsOn: Repo }
  Param: { Type: AWS::SSM::Parameter, Properties: { Name: /crash/param, Type: String, Value: !Ref Bucket }, DependsOn: Git }
  Secret: { Type: AWS::SecretsManager::Secret, Properties: { Name: crash/secret, SecretString: s3cret }, DependsOn: Param }
`;
// Replaces Bucket (a name is given), updates Param in place, removes Git, adds Extra.
const CHANGED = `Resources:
  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: crash-bucket-two } }
  Repo: { Type: AWS::ECR::Repository, DependsOn: Bucket }
  Param: { Type: AWS::SSM::Parameter, Properties: { Name: /crash/param, Type: String, Value: changed }, DependsOn: Repo }
  Secret: { Type: AWS::SecretsManager::Secret, Properties: { Name: crash/secret, SecretString: s3cret }, DependsOn: Param }
  Extra: { Type: AWS::SSM::Parameter, Properties: { Name: /crash/extra, Type: String, Value: new }, DependsOn: Secret }
`;
// The last resource fails (SSM parameter names may not begin with "aws"), after four were made.
const FAILING = BASE.replace('  Secret:', '  Bad: { Type: AWS::SSM::Parameter, Properties: { Name: /aws-bad, Type: String, Value: x }, DependsOn: Param }\n  Secret:');

const slipway = (args: string[], faults?: string) => runSlipwayProcess([...args, '--home', join(dir, 'home')], { cwd: dir, env: faults ? { SLIPWAY_FAULTS: faults } : {} });

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** What exists locally, whoever made it. */
function inventory() {
  const account = new LocalAccount({ home: join(dir, 'home') });
  const registry = openRegistryControl({ dataDir: account.layout.registry });
  try {
    const folders = existsSync(account.layout.codecommit) ? readdirSync(account.layout.codecommit) : [];
    return {
      buckets: account.buckets.listBuckets(),
      repositories: registry.describeRepositories().repositories.map((repository) => repository.repositoryName).sort(),
      git: [...folders, ...account.codecommit.list().map((repository) => repository.repositoryName)].sort(),
      parameters: account.parameters.listParameters(),
      secrets: account.parameters.listSecrets(),
    };
  } finally {
    registry.close();
    account.close();
  }
}

const EMPTY = { buckets: [], repositories: [], git: [], parameters: [], secrets: [] };

/** The next command after the crash: describe, which recovers first. */
async function describeAfterCrash(stackName: string) {
  const run = await slipway(['stack', 'describe', '--stack-name', stackName, '--json']);
  expect(run.code).toBe(0);
  return {
    stack: JSON.parse(run.stdout) as { StackStatus: string; Events: { ResourceStatus: string; ResourceStatusReason?: string; LogicalResourceId: string }[] },
    stderr: run.stderr,
  };
}

async function crashed(args: string[], point: string) {
  const run = await slipway(args, `${point}=kill`);
  expect(run.signal, `${point}: ${run.stderr}`).toBe('SIGKILL');
}

describe('a create killed part way', () => {
  for (const point of ['stack.operation.begun#1', 'stack.resource.claimed#1', 'stack.resource.provisioned#1', 'stack.resource.claimed#2', 'stack.resource.provisioned#3', 'stack.resource.provisioned#5']) {
    it(`at ${point} is rolled back by the next command, leaving nothing behind`, async () => {
      await crashed(['stack', 'create', '--template', write('crash.yaml', BASE)], point);
      const { stack, stderr } = await describeAfterCrash('crash');
      expect(stderr).toMatch(/recovered: stack crash was left in CREATE_IN_PROGRESS: The slipway process that ran this operation \(pid \d+\) ended before it finished; it is now ROLLBACK_COMPLETE/);
      expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
      expect(stack.Events.find((event) => event.ResourceStatus === 'ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toMatch(/ended before it finished; the create is rolled back/);
      expect(inventory()).toEqual(EMPTY);
    });
  }

  it('during its own rollback, has the rollback finished by the next command', async () => {
    await crashed(['stack', 'create', '--template', write('crash.yaml', FAILING)], 'stack.resource.deleted#2');
    const { stack } = await describeAfterCrash('crash');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.Events.filter((event) => event.ResourceStatus === 'ROLLBACK_IN_PROGRESS')).toHaveLength(2);
    expect(inventory()).toEqual(EMPTY);
  });
});

describe('an update killed part way', () => {
  let before: ReturnType<typeof inventory>;
  beforeEach(async () => {
    expect((await slipway(['stack', 'create', '--template', write('crash.yaml', BASE)])).code).toBe(0);
    before = inventory();
    expect(before).toMatchObject({ git: ['crash-git', 'crash-git.git'], parameters: ['/crash/param'], secrets: ['crash/secret'] });
  });

  for (const point of ['stack.operation.begun#1', 'stack.resource.claimed#1', 'stack.resource.provisioned#1', 'stack.resource.provisioned#2', 'stack.resource.claimed#2']) {
    it(`at ${point} is rolled back by the next command to exactly what it had`, async () => {
      await crashed(['stack', 'update', '--stack-name', 'crash', '--template', write('changed.yaml', CHANGED)], point);
      const { stack, stderr } = await describeAfterCrash('crash');
      expect(stderr).toMatch(/recovered: stack crash was left in UPDATE_IN_PROGRESS: .*; it is now UPDATE_ROLLBACK_COMPLETE/);
      expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
      expect(inventory()).toEqual(before);
    });
  }

  for (const point of ['stack.cleanup.entered#1', 'stack.resource.deleted#1']) {
    it(`in its cleanup phase (${point}) is finished by the next command, as CloudFormation finishes a successful update`, async () => {
      await crashed(['stack', 'update', '--stack-name', 'crash', '--template', write('changed.yaml', CHANGED)], point);
      const { stack } = await describeAfterCrash('crash');
      expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
      const after = inventory();
      expect(after).toMatchObject({ buckets: ['crash-bucket-two'], git: [], parameters: ['/crash/extra', '/crash/param'], secrets: ['crash/secret'] });
      expect(after.repositories).toEqual(before.repositories);
    });
  }

  it('during its own rollback, has the rollback finished by the next command', async () => {
    const failing = CHANGED.replace('  Extra:', '  Bad: { Type: AWS::SSM::Parameter, Properties: { Name: /aws-bad, Type: String, Value: x }, DependsOn: Secret }\n  Extra:');
    await crashed(['stack', 'update', '--stack-name', 'crash', '--template', write('failing.yaml', failing)], 'stack.resource.deleted#1');
    const { stack } = await describeAfterCrash('crash');
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(inventory()).toEqual(before);
  });
});

describe('a delete killed part way', () => {
  // Before any resource is deleted, after the first, in the middle, and before the last one.
  for (const point of ['stack.operation.begun#1', 'stack.resource.deleted#1', 'stack.resource.deleted#2', 'stack.resource.deleted#4']) {
    it(`at ${point} is completed by the next command`, async () => {
      expect((await slipway(['stack', 'create', '--template', write('crash.yaml', BASE)])).code).toBe(0);
      await crashed(['stack', 'delete', '--stack-name', 'crash'], point);
      const run = await slipway(['stack', 'describe', '--json']);
      expect(run.stderr).toMatch(/recovered: stack crash was left in DELETE_IN_PROGRESS: .*; it is now DELETE_COMPLETE/);
      expect(JSON.parse(run.stdout)).toEqual({ Stacks: [] });
      expect(inventory()).toEqual(EMPTY);
    });
  }
});
