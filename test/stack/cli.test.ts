// `slipway stack`: events on stderr as they happen, the result on stdout, exit codes 0/1/2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OciLayout } from '../registry/oci-layout.js';
import { startRegistryProcess } from '../registry/registry-process.js';
import { runSlipway } from '../support/run-cli.js';

let dir: string;
const slipway = (...args: string[]) => runSlipway([...args, '--home', join(dir, 'home')], { cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-stack-cli-'));
  writeFileSync(join(dir, 'app.yaml'), `Parameters:
  Mutability: { Type: String, Default: MUTABLE, AllowedValues: [MUTABLE, IMMUTABLE] }
  Token: { Type: String, NoEcho: true, Default: hidden }
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties: { RepositoryName: cli-app, ImageTagMutability: !Ref Mutability }
  Service:
    Type: AWS::ECS::Service
Outputs:
  Uri: { Value: !GetAtt Repo.RepositoryUri }
`);
  writeFileSync(join(dir, 'cycle.yaml'), 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !Ref B }\n  B:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !Ref A }\n');
  writeFileSync(join(dir, 'failing.yaml'), 'Resources:\n  Bad:\n    Type: AWS::ECR::Repository\n    Properties: { RepositoryName: UPPER }\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('slipway stack', () => {
  it('create prints events on stderr and the stack with its outputs on stdout, naming types not emulated', async () => {
    expect((await slipway('account', 'set', 'registryEndpoint=127.0.0.1:5123')).code).toBe(0);
    const run = await slipway('stack', 'create', '--template', 'app.yaml');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('app CREATE_COMPLETE\n  Uri = 127.0.0.1:5123/cli-app\n');
    expect(run.stderr).toMatch(/CREATE_IN_PROGRESS\s+AWS::ECR::Repository\s+Repo/);
    expect(run.stderr).toMatch(/not emulated locally \(recorded only\): Service \(AWS::ECS::Service\)/);
  });

  it('update takes --parameter and keeps the others; describe --json masks NoEcho values', async () => {
    expect((await slipway('stack', 'update', '--stack-name', 'app', '--parameter', 'Mutability=IMMUTABLE')).code).toBe(0);
    const described = await slipway('stack', 'describe', '--stack-name', 'app', '--json');
    const stack = JSON.parse(described.stdout) as {
      StackStatus: string; Parameters: unknown[]; Resources: { LogicalResourceId: string; PhysicalResourceId: string }[]
    };
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect(stack.Parameters).toEqual([{ ParameterKey: 'Mutability', ParameterValue: 'IMMUTABLE' }, { ParameterKey: 'Token', ParameterValue: '****' }]);
    expect(stack.Resources.find((resource) => resource.LogicalResourceId === 'Repo')?.PhysicalResourceId).toBe('cli-app');
  });

  it('help shows each verb its own options only, each default stated once', async () => {
    const create = (await slipway('stack', 'create', '--help')).stdout;
    for (const flag of ['--template', '--stack-name', '--change-set']) {
      const line = create.split('\n').find((text) => text.includes(flag))!;
      expect(line.match(/default/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
    const describeHelp = (await slipway('stack', 'describe', '--help')).stdout;
    expect(describeHelp).not.toMatch(/--template|--parameter|--change-set/);
    const deleteHelp = (await slipway('stack', 'delete', '--help')).stdout;
    expect(deleteHelp).not.toMatch(/--template|--parameter|--change-set/);
  });

  it('exits 2 for a template problem, with file:line:column, and creates nothing', async () => {
    const run = await slipway('stack', 'create', '--template', 'cycle.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'cycle.yaml')}:3:5 Resources.A: Circular dependency between resources: [A, B]`);
    expect((await slipway('stack', 'describe', '--stack-name', 'cycle')).code).toBe(2);
  });

  it('exits 2 for a value outside AllowedValues', async () => {
    const run = await slipway('stack', 'update', '--stack-name', 'app', '--parameter', 'Mutability=SOMETIMES');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/app\.yaml:2:15 Parameters\.Mutability: Parameter 'Mutability' must be one of AllowedValues/);
  });

  it('exits 1 for a create that failed and was rolled back', async () => {
    const run = await slipway('stack', 'create', '--template', 'failing.yaml', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ StackName: 'failing', StackStatus: 'ROLLBACK_COMPLETE', StackStatusReason: expect.stringMatching(/RepositoryName/) });
  });

  it('works while `slipway registry` serves the same home: create pointing at it, push through it, forced delete', async () => {
    writeFileSync(join(dir, 'live.yaml'), 'Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties: { RepositoryName: cli-live, EmptyOnDelete: true }\nOutputs:\n  Uri: { Value: !GetAtt Repo.RepositoryUri }\n');
    const registry = await startRegistryProcess(['--home', join(dir, 'home')]);
    try {
      // No registryEndpoint setting: the endpoint the running registry recorded for this home.
      expect((await slipway('account', 'set', 'registryEndpoint=')).code).toBe(0);
      const created = await slipway('stack', 'create', '--template', 'live.yaml');
      expect(created.code).toBe(0);
      expect(created.stdout).toBe(`live CREATE_COMPLETE\n  Uri = ${registry.startup.registry}/cli-live\n`);
      const layout = new OciLayout(join(dir, 'layout'));
      layout.tag(layout.image('amd64', 'pushed while the stack engine holds no lock'), 'v1');
      const password = readFileSync(registry.startup.passwordFile!, 'utf8');
      const push = spawnSync('skopeo', ['copy', '--dest-creds', `AWS:${password}`, '--dest-tls-verify=false', `oci:${layout.dir}:v1`, `docker://${registry.startup.registry}/cli-live:v1`], { encoding: 'utf8' });
      expect(push.stderr).toBe(push.status === 0 ? push.stderr : 'no error');
      const updated = await slipway('stack', 'update', '--stack-name', 'live', '--json');
      expect(JSON.parse(updated.stdout)).toMatchObject({ StackStatus: 'NO_CHANGES', Outputs: [{ OutputKey: 'Uri', OutputValue: `${registry.startup.registry}/cli-live` }] });
      const deleted = await slipway('stack', 'delete', '--stack-name', 'live');
      expect(deleted.code).toBe(0);
      const catalog = await fetch(`${registry.startup.endpoint}/v2/_catalog`, { headers: { Authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}` } });
      expect(await catalog.json()).toEqual({ repositories: ['cli-app'] });
    } finally {
      registry.child.kill('SIGINT');
      await registry.exited;
    }
  });

  it('delete removes the stacks; deleting a missing stack succeeds', async () => {
    const deleted = await slipway('stack', 'delete', '--stack-name', 'app');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe('app DELETE_COMPLETE\n');
    expect((await slipway('stack', 'delete', '--stack-name', 'failing')).code).toBe(0);
    const again = await slipway('stack', 'delete', '--stack-name', 'app');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/no local stack named app/);
  });
});

describe('slipway stack --change-set', () => {
  it('previews the changes; without a terminal or --yes it refuses (exit 2) and leaves no stack behind', async () => {
    writeFileSync(join(dir, 'preview.yaml'), 'Resources:\n  Topic: { Type: AWS::SNS::Topic }\n');
    const run = await slipway('stack', 'create', '--template', 'preview.yaml', '--change-set');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/change set slipway-\d+ for the new stack preview:\n {2}\+ add {5}Topic {2}AWS::SNS::Topic\n {2}1 to add, 0 to modify, 0 to replace, 0 to remove\n/);
    expect(run.stderr).toContain('error: not asking without a terminal: Create preview with these changes?');
    expect((await slipway('stack', 'describe', '--stack-name', 'preview')).code).toBe(2);
  });

  it('with --yes executes it; an update that changes nothing is "no changes", exit 0', async () => {
    const created = await slipway('stack', 'create', '--template', 'preview.yaml', '--change-set', '--yes');
    expect(created.code).toBe(0);
    expect(created.stdout).toBe('preview CREATE_COMPLETE\n');
    writeFileSync(join(dir, 'preview.yaml'), 'Resources:\n  Topic: { Type: AWS::SNS::Topic, Properties: { TopicName: renamed } }\n');
    const updated = await slipway('stack', 'update', '--template', 'preview.yaml', '--change-set', '--yes');
    expect(updated.stderr).toContain('± replace Topic  AWS::SNS::Topic  REPLACED (TopicName changed)');
    expect(updated.stdout).toBe('preview UPDATE_COMPLETE\n');
    const unchanged = await slipway('stack', 'update', '--template', 'preview.yaml', '--change-set', '--yes');
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toContain("preview: no changes (The submitted information didn't contain changes. Submit different information to create a change set.)");
    expect((await slipway('stack', 'delete', '--stack-name', 'preview')).code).toBe(0);
  });
});

describe('slipway stack --resource-attribute', () => {
  const template = 'Resources:\n  Lookup:\n    Type: Custom::AmiLookup\n    Properties: { ServiceToken: arn:aws:lambda:us-east-1:000000000000:function:lookup }\n  ImageId:\n    Type: AWS::SSM::Parameter\n    Properties: { Name: /cli/image-id, Type: String, Value: !GetAtt Lookup.ImageId }\nOutputs:\n  ImageId: { Value: !GetAtt ImageId.Value }\n';
  const output = (run: { stdout: string }) => (JSON.parse(run.stdout) as { Outputs: { OutputValue: string }[] }).Outputs[0]?.OutputValue;

  it('gives a custom resource\'s attribute a value, from a flag or a file; an update without one keeps the stack\'s', async () => {
    writeFileSync(join(dir, 'custom.yaml'), template);
    const created = await slipway('stack', 'create', '--template', 'custom.yaml', '--resource-attribute', 'Lookup.ImageId=ami-0abc', '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(output(created)).toBe('ami-0abc');
    writeFileSync(join(dir, 'custom.yaml'), template.replace('Type: String,', 'Type: String, Description: changed,'));
    const kept = await slipway('stack', 'update', '--template', 'custom.yaml', '--json');
    expect(JSON.parse(kept.stdout)).toMatchObject({ StackStatus: 'UPDATE_COMPLETE', Outputs: [{ OutputValue: 'ami-0abc' }] });
    writeFileSync(join(dir, 'values.yml'), 'Lookup.ImageId: ami-0def\n');
    const fromFile = await slipway('stack', 'update', '--template', 'custom.yaml', '--resource-attributes', 'values.yml', '--json');
    expect(output(fromFile)).toBe('ami-0def');
    const unknown = await slipway('stack', 'update', '--template', 'custom.yaml', '--resource-attribute', 'Nothing.Here=x');
    expect(unknown.code).toBe(2);
    expect((await slipway('stack', 'delete', '--stack-name', 'custom')).code).toBe(0);
  });
});
