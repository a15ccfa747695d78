// A project's settings reach its builds as StartBuild applies them: an inline buildspec, its
// environment variables of all three types (PARAMETER_STORE and SECRETS_MANAGER read from the
// account's own stores, masked in the log), its cache and artifacts types, and S3 artifacts put
// into a local bucket; `--env` and `--buildspec` act as StartBuild's overrides.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlipway } from '../support/run-cli.js';

const INLINE = `version: 0.2
env:
  variables: { GREETING: from-buildspec }
phases:
  build:
    commands:
      - echo "greeting=$GREETING plain=$PLAIN param=$FROM_SSM secret=$FROM_SECRET"
      - echo "lengths=\${#FROM_SSM},\${#FROM_SECRET}"
      - mkdir -p out && echo built > out/result.txt
cache:
  paths: [out/**/*]
artifacts:
  files: ['**/*']
  base-directory: out
`;

const template = `Resources:
  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }] } } }
  Param: { Type: AWS::SSM::Parameter, Properties: { Name: /app/setting, Type: String, Value: ssm-value } }
  Secret: { Type: AWS::SecretsManager::Secret, Properties: { Name: app/db, SecretString: '{"password":"pw-1234567"}' } }
  Out: { Type: AWS::S3::Bucket, Properties: { BucketName: project-out } }
  Plain:
    Type: AWS::CodeBuild::Project
    DependsOn: [Param, Secret]
    Properties:
      Name: plain
      ServiceRole: !GetAtt Role.Arn
      Source:
        Type: NO_SOURCE
        BuildSpec: |
${INLINE.split('\n').map((line) => `          ${line}`).join('\n')}
      Artifacts: { Type: NO_ARTIFACTS }
      Cache: { Type: NO_CACHE }
      TimeoutInMinutes: 7
      Environment:
        Type: LINUX_CONTAINER
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        EnvironmentVariables:
          - { Name: PLAIN, Value: plain-value }
          - { Name: GREETING, Value: from-project }
          - { Name: FROM_SSM, Type: PARAMETER_STORE, Value: /app/setting }
          - { Name: FROM_SECRET, Type: SECRETS_MANAGER, Value: 'app/db:password' }
  ToBucket:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: to-bucket
      ServiceRole: !GetAtt Role.Arn
      Source:
        Type: NO_SOURCE
        BuildSpec: |
${INLINE.split('\n').map((line) => `          ${line}`).join('\n')}
      Artifacts: { Type: S3, Location: !Ref Out, Path: builds, Name: site }
      Environment: { Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0 }
`;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-project-settings-'));
  writeFileSync(join(dir, 'projects.yaml'), template);
  const created = await slipway(['stack', 'create', '--template', 'projects.yaml']);
  expect(created.code, created.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const slipway = (args: string[]) => runSlipway([...args, '--home', join(dir, 'home')], { cwd: dir, env: { ...process.env, SLIPWAY_HOME: undefined } });

describe('a project build', () => {
  it('runs the inline buildspec with the project\'s variables of every type, masking parameter and secret values', async () => {
    const run = await slipway(['build', '--project-name', 'plain', '--host', '--json']);
    expect(run.code, run.stderr).toBe(0);
    // Project variables win over the buildspec's; PARAMETER_STORE and SECRETS_MANAGER values are read from the account and masked.
    expect(run.stdout).toContain('greeting=from-project plain=plain-value param=*** secret=***');
    expect(run.stdout).not.toMatch(/pw-1234567|ssm-value/);
    expect(run.stdout).toContain('lengths=9,10');
    const build = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { timeoutInMinutes: number; artifacts?: unknown };
    expect(build.timeoutInMinutes).toBe(7);
    // Artifacts.Type NO_ARTIFACTS and Cache.Type NO_CACHE: the buildspec's sections are not used, and the log says so.
    expect(build.artifacts).toBeUndefined();
    expect(run.stdout).toContain("The project produces no artifacts (Artifacts.Type NO_ARTIFACTS), so the buildspec's artifacts are not packed");
    expect(run.stdout).toContain("The project has no cache (Cache.Type NO_CACHE), so the buildspec's cache paths are neither restored nor saved");
  });

  it('takes --env and --buildspec as StartBuild overrides, over the project and its buildspec', async () => {
    const run = await slipway(['build', '--project-name', 'plain', '--host', '--env', 'GREETING=from-override', '--buildspec', 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "override=$GREETING"\n']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('override=from-override');
  });

  it('puts S3 artifacts into the local bucket at Path/Name, as files (Packaging NONE)', async () => {
    const run = await slipway(['build', '--project-name', 'to-bucket', '--host']);
    expect(run.code, run.stderr).toBe(0);
    const { LocalAccount } = await import('../../src/local/account/index.js');
    const account = new LocalAccount({ home: join(dir, 'home') });
    try {
      expect(account.buckets.listObjects('project-out')).toEqual(['builds/site/result.txt']);
      expect(account.buckets.getObject('project-out', 'builds/site/result.txt')?.toString()).toBe('built\n');
    } finally {
      account.close();
    }
  });
});
