// Issue 11, point 3: `slipway build --project-name P` for a stack's project, while `slipway up`
// runs, reaches the account as any build does (here slipway's own buildspec with the project's
// REPOSITORY_URI built by hand in the template, in a container of the project's privileged mode);
// with no up on the home, a failing AWS call says that it needs `slipway up`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { renderBuildspec } from '../../src/init/buildspec.js';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipwayProcess } from '../support/slipway-process.js';
import { place, startReachUp, type ReachUp } from './support/reach-up.js';

const BUILDSPEC = renderBuildspec(parseConfig('name: widget\nsource:\n  owner: acme\n  repository: widget\n', 'slipway.yml'));

const TEMPLATE = `Resources:
  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }] } } }
  Repo: { Type: AWS::ECR::Repository, Properties: { RepositoryName: from-stack } }
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: from-stack
      ServiceRole: !GetAtt Role.Arn
      Source:
        Type: NO_SOURCE
        BuildSpec: |
${BUILDSPEC.split('\n').map((line) => `          ${line}`).join('\n')}
      Artifacts: { Type: NO_ARTIFACTS }
      Environment:
        Type: LINUX_CONTAINER
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        PrivilegedMode: true
        EnvironmentVariables:
          - { Name: REPOSITORY_URI, Value: !Sub '\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/\${Repo}' }
          - { Name: CONTAINER_NAME, Value: widget }
`;

let reach: ReachUp;
let source: GitRepo;

beforeAll(async () => {
  reach = await startReachUp([]);
  source = makeGitRepo({ Dockerfile: 'FROM slipway-test/busybox\nCMD ["true"]\n' });
  writeFileSync(join(reach.dir, 'project.yaml'), TEMPLATE);
  await reach.aws(['cloudformation', 'create-stack', '--stack-name', 'project', '--template-body', `file://${join(reach.dir, 'project.yaml')}`, '--capabilities', 'CAPABILITY_IAM']);
  await reach.aws(['cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'project']);
}, 120_000);

afterAll(async () => {
  await reach?.close();
  if (source) rmSync(source.dir, { recursive: true, force: true });
});

describe('slipway build --project-name while slipway up runs', () => {
  it('runs the stack project\'s buildspec with its template-built ECR URI and pushes both tags', async () => {
    const where = place('container, AWS CLI v2', reach.dir);
    const run = await reach.build(source.dir, ['--project-name', 'from-stack', '--image', where.flags[1]!], where.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`AWS calls go to the local account 000000000000 (us-east-1) at ${reach.up.ready.endpoint}; docker goes through slipway's Docker proxy`);
    expect(run.stderr).toContain(`docker push "$IMAGE_URI"`);
    const tags = await reach.tags('from-stack');
    const commitTag = source.git('rev-parse', 'HEAD').slice(0, 7);
    expect(tags[commitTag]).toMatch(/^sha256:/);
    expect(tags.latest).toBe(tags[commitTag]);
  }, 120_000);
});

describe('a build with no slipway up on its home', () => {
  const FAILING = `version: 0.2
phases:
  build:
    commands:
      - aws sts get-caller-identity
  post_build:
    commands:
      # An SDK's words when it finds no endpoint and no credentials it can use
      - echo 'Unable to locate credentials. You can configure credentials by running "aws configure".' >&2; exit 255
`;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-no-up-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['host, AWS CLI v1', 'container, no AWS CLI'] as const)('%s: the AWS call fails saying it needs slipway up, and so does an SDK\'s failure', async (name) => {
    const where = place(name, dir);
    const repo = makeGitRepo({ 'buildspec.yml': FAILING });
    try {
      const run = await runSlipwayProcess(['build', '--home', join(dir, 'home'), ...where.flags], { cwd: repo.dir, env: where.env });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('No slipway up runs on this home');
      expect(run.stderr).toMatch(/aws: this build's AWS calls go to its local account, and no `slipway up` runs on the build's home: start `slipway up`/);
      expect(run.stderr).toContain('Command did not exit successfully aws sts get-caller-identity exit status 255');
      expect(run.stderr).toMatch(/this command failed on an AWS call: .* start `slipway up`/);
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
