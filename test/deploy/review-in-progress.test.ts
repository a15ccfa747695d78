// A stack left REVIEW_IN_PROGRESS by a first deploy whose change set could not be executed (what
// the first new-user trial met with moto and slipway's own template): `status` reports it,
// `destroy` removes it, neither lists its resources (it has none yet: CloudFormation's "Stack
// status codes"), and the refused execution is the deploy failing (exit 1) unless AWS says the
// template itself is invalid (exit 2). The CLI runs against moto; what AWS does that moto does not
// (a refusal worded as AWS words it) runs against the scripted CloudFormation.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsApis, deploy, destroy, status, translateAwsError, type AwsApis, type DeployRequest } from '../../src/deploy/index.js';
import { readTemplate } from '../../src/deploy/template-document.js';
import { slipway } from './support/cli.js';
import { recordingContext } from './support/flow.js';
import { startMoto, useFakeAwsCredentials, type Moto } from './support/moto.js';
import { ScriptedCloudFormation } from './support/scripted-cloudformation.js';

let moto: Moto;
let cloudFormation: ScriptedCloudFormation;
let apis: AwsApis;

beforeAll(async () => {
  useFakeAwsCredentials();
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(() => {
  cloudFormation = new ScriptedCloudFormation();
  apis = { ...awsApis({ endpointUrl: moto.endpoint, region: 'us-east-1' }), cloudFormation };
});

describe('the trial: a first deploy whose change set moto cannot execute', () => {
  it('fails with exit 1, then status reports the stack plainly and destroy removes it, both exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-review-'));
    const aws = ['--endpoint-url', moto.endpoint, '--region', 'us-east-1'];
    try {
      // moto has no AWS::CodeBuild::Project: executing slipway's template fails on it.
      writeFileSync(join(dir, 'slipway.yml'), 'name: trial\nsource:\n  owner: acme\n  repository: trial\n');
      const deployed = await slipway(['deploy', ...aws, '--yes'], dir);
      expect(deployed.code).toBe(1);
      expect(deployed.stderr).toMatch(/^error: executing the change set failed: /m);
      expect(deployed.stderr).toContain('hint: the stack is left REVIEW_IN_PROGRESS with no resources; `slipway destroy --stack-name trial-dev` removes it');

      const reported = await slipway(['status', ...aws], dir);
      expect(reported.code).toBe(0);
      expect(reported.stdout).toBe('stack trial-dev: REVIEW_IN_PROGRESS\n  a CREATE change set made it and was never executed: it holds no resources yet\n');
      expect(reported.stderr).toMatch(/^hint: `slipway deploy` creates its resources/);

      const destroyed = await slipway(['destroy', ...aws, '--yes'], dir);
      expect(destroyed.code).toBe(0);
      expect(destroyed.stderr.trimEnd().split('\n').at(-1)).toBe('trial-dev: deleted');
      const gone = await slipway(['status', ...aws], dir);
      expect(gone.stderr).toMatch(/stack trial-dev does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a REVIEW_IN_PROGRESS stack, as AWS keeps it', () => {
  it('is deleted without listing its resources or reading its template', async () => {
    cloudFormation.seedStack('app-dev', 'REVIEW_IN_PROGRESS');
    const result = await destroy({ stackName: 'app-dev', deleteImages: false }, recordingContext({ apis }));
    expect(result.status).toBe('deleted');
    expect(cloudFormation.calls.slice(0, cloudFormation.calls.indexOf('DeleteStack') + 1)).toEqual(['DescribeStacks', 'DescribeStackEvents', 'DeleteStack']);
    expect(cloudFormation.calls).not.toContain('ListStackResources');
    expect(cloudFormation.calls).not.toContain('GetTemplate');
  });

  it('is reported by status with its status alone, without listing its resources', async () => {
    const stackId = cloudFormation.seedStack('app-dev', 'REVIEW_IN_PROGRESS');
    const report = await status('app-dev', { apis });
    expect(report).toEqual({ stackName: 'app-dev', stack: { stackId, status: 'REVIEW_IN_PROGRESS', outputs: {} }, connections: [] });
    expect(cloudFormation.calls).toEqual(['DescribeStacks']);
  });
});

describe('a change set CloudFormation refuses to execute', () => {
  const refusal = (message: string) =>
    translateAwsError(Object.assign(new Error(message), { name: 'ValidationError' }), { action: 'cloudformation:ExecuteChangeSet' });
  const request = (file: string): DeployRequest => ({
    stackName: 'app-dev',
    template: readTemplate({ file, text: readFileSync(join(import.meta.dirname, file), 'utf8') }),
    parameters: {},
    tags: {},
    waitForConnection: false,
  });

  it('is the deploy failing (exit 1) when AWS refuses it for its status, with how to remove the stack left behind', async () => {
    cloudFormation.executeRefusal = refusal('ChangeSet [slipway-20260102030405] cannot be executed in its current status of [EXECUTE_FAILED]');
    const error = await deploy(request('fixtures/repository.yml'), recordingContext({ apis })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'failed', exitCode: 1 });
    const refused = /^executing the change set failed: AWS rejected cloudformation:ExecuteChangeSet: ChangeSet/;
    expect(error).toMatchObject({ message: expect.stringMatching(refused) });
    expect(error).toMatchObject({ hint: 'the stack is left REVIEW_IN_PROGRESS with no resources; `slipway destroy --stack-name app-dev` removes it' });
  });

  it('is the user\'s input (exit 2), placed in the template, when AWS says the template itself is invalid', async () => {
    cloudFormation.executeRefusal = refusal('Template format error: Unresolved resource dependencies [Repositry] in the Outputs block of the template');
    const error = await deploy(request('fixtures/invalid-reference.yml'), recordingContext({ apis })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'invalid-input',
      exitCode: 2,
      hint: expect.stringMatching(/^fix the template, then deploy again; the stack is left REVIEW_IN_PROGRESS/),
      problems: [{ file: 'fixtures/invalid-reference.yml', line: 9, column: 20, path: 'Repositry' }],
    });
  });
});
