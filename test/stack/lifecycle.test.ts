// The stack lifecycle: create, update (in place or replacement), delete, rollback of failed
// creates and updates, exports and imports, persistence across restarts.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import { testEngine, type TestEngine } from './support/engine.js';
import { PIPELINE_P } from './support/pipeline-template.js';

let t: TestEngine;
beforeEach(() => {
  t = testEngine();
});
afterEach(() => t.dispose());

const create = (stackName: string, templateBody: string, parameters: Record<string, string> = {}) => t.engine.create({ stackName, templateBody, templateFile: `${t.home}/${stackName}.yaml`, parameters });
const update = (stackName: string, templateBody: string, parameters: Record<string, string> = {}) => t.engine.update({ stackName, templateBody, templateFile: `${t.home}/${stackName}.yaml`, parameters });
const statuses = (logicalId: string) => t.events.filter((event) => event.LogicalResourceId === logicalId).map((event) => event.ResourceStatus);
const ROLE = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: { Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole } }
`;
const project = (logicalId: string, computeType: string, extra = '') => `  ${logicalId}:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: !GetAtt Role.Arn
      Source: { Type: NO_SOURCE, BuildSpec: 'version: 0.2' }
      Artifacts: { Type: NO_ARTIFACTS }
      Environment: { Type: LINUX_CONTAINER, ComputeType: ${computeType}, Image: 'aws/codebuild/standard:7.0' }
${extra}`;

describe('a failed create', () => {
  it('rolls back what was made, newest first, and leaves the stack in ROLLBACK_COMPLETE', async () => {
    const result = await create('broken', `Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n${ROLE}${project('Build', 'BUILD_GENERAL1_TINY')}`);
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/Properties validation failed for resource Build with message: \[#\/Environment\/ComputeType: 'BUILD_GENERAL1_TINY' is not a CodeBuild compute type\]/);
    expect(statuses('Build')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_FAILED']);
    expect(statuses('Bucket')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    expect(statuses('broken')).toEqual(['CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE']);
    expect(t.events.find((event) => event.ResourceStatus === 'ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toBe('The following resource(s) failed to create: [Build]. Rollback requested by user.');
    expect(t.engine.artifacts.listBuckets()).toEqual([]);
    expect(t.engine.describe('broken').Resources).toEqual([]);
  });

  it('deletes what it made in the reverse order of creation: the newest first', async () => {
    const made = ['First', 'Second', 'Third'].map((id, index) => `  ${id}:\n    Type: AWS::SNS::Topic\n${index > 0 ? `    DependsOn: ${['First', 'Second'][index - 1]}\n` : ''}`).join('');
    const result = await create('ordered', `Resources:\n${made}${ROLE}${project('Build', 'BUILD_GENERAL1_TINY').replace('    Type: AWS::CodeBuild::Project', '    Type: AWS::CodeBuild::Project\n    DependsOn: Third')}`);
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    const created = t.events.filter((event) => event.ResourceStatus === 'CREATE_COMPLETE').map((event) => event.LogicalResourceId);
    const deleted = t.events.filter((event) => event.ResourceStatus === 'DELETE_COMPLETE').map((event) => event.LogicalResourceId);
    expect(created.filter((id) => id !== 'Role').slice(0, 3)).toEqual(['First', 'Second', 'Third']);
    expect(deleted).toEqual([...created].reverse());
  });

  it('leaves a stack that can only be deleted, as in AWS', async () => {
    await create('broken', `Resources:\n${ROLE}${project('Build', 'BUILD_GENERAL1_TINY')}`);
    await expect(update('broken', `Resources:\n${ROLE}`)).rejects.toThrow(/is in ROLLBACK_COMPLETE state and can not be updated/);
    await expect(create('broken', `Resources:\n${ROLE}`)).rejects.toThrow(/Stack \[broken\] already exists/);
    expect((await t.engine.delete('broken'))?.status).toBe('DELETE_COMPLETE');
    expect((await create('broken', `Resources:\n${ROLE}`)).status).toBe('CREATE_COMPLETE');
  });
});

describe('a template problem', () => {
  it('fails before anything is made, with every problem located, and leaves no stack', async () => {
    const error = await create('bad', 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !Ref B }\n  B:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !GetAtt A.TopicName }\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).exitCode).toBe(2);
    expect((error as SlipwayError).problems).toEqual([expect.objectContaining({ file: `${t.home}/bad.yaml`, line: 3, column: 5, message: 'Circular dependency between resources: [A, B]' })]);
    expect(t.engine.listStacks()).toEqual([]);
    expect(t.events).toEqual([]);
  });
});

describe('update', () => {
  const buckets = (name: string, computeType: string) => `Resources:
  Named:
    Type: AWS::S3::Bucket
    Properties: { BucketName: ${name} }
${ROLE}${project('Build', computeType)}`;

  it('replaces a resource whose replacement property changed and updates others in place', async () => {
    await create('app', buckets('first-bucket-1', 'BUILD_GENERAL1_SMALL'));
    const before = t.engine.describe('app').Resources;
    const result = await update('app', buckets('second-bucket-2', 'BUILD_GENERAL1_LARGE'));
    expect(result.status).toBe('UPDATE_COMPLETE');
    const after = t.engine.describe('app').Resources;
    expect(after.find((resource) => resource.LogicalResourceId === 'Named')?.PhysicalResourceId).toBe('second-bucket-2');
    const projectName = before.find((resource) => resource.LogicalResourceId === 'Build')?.PhysicalResourceId;
    expect(after.find((resource) => resource.LogicalResourceId === 'Build')?.PhysicalResourceId).toBe(projectName);
    expect(t.account.codebuild.projects.get(projectName!)?.environment.computeType).toBe('BUILD_GENERAL1_LARGE');
    expect(t.engine.artifacts.listBuckets()).toEqual(['second-bucket-2']);
    expect(statuses('Named')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    expect(statuses('app')).toContain('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  });

  it('refuses to replace a custom-named resource whose name stays the same, and rolls back', async () => {
    const repository = (encryption: string) => `Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties: { RepositoryName: fixed-name, EncryptionConfiguration: { EncryptionType: ${encryption} } }\n`;
    await create('repo', repository('AES256'));
    const result = await update('repo', repository('KMS'));
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.reason).toBe('CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename fixed-name and update the stack again.');
  });

  it('rolls back a failed update: new resources deleted, in-place changes reverted, the old template kept', async () => {
    await create('app', `Resources:\n${ROLE}${project('Build', 'BUILD_GENERAL1_SMALL')}`);
    const projectName = t.engine.describe('app').Resources.find((resource) => resource.LogicalResourceId === 'Build')!.PhysicalResourceId!;
    const failing = `Resources:\n  Extra: { Type: AWS::SNS::Topic }\n${ROLE}${project('Build', 'BUILD_GENERAL1_MEDIUM')}${project('Broken', 'NOT_A_TYPE')}`;
    const result = await update('app', failing);
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(statuses('Extra')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    expect(statuses('Build').slice(-4)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
    expect(statuses('app').slice(-4)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE']);
    expect(t.account.codebuild.projects.get(projectName)?.environment.computeType).toBe('BUILD_GENERAL1_SMALL');
    expect(t.engine.describe('app').Resources.map((resource) => resource.LogicalResourceId).sort()).toEqual(['Build', 'Role']);
    // The stack can be updated again after UPDATE_ROLLBACK_COMPLETE.
    expect((await update('app', `Resources:\n${ROLE}${project('Build', 'BUILD_GENERAL1_MEDIUM')}`)).status).toBe('UPDATE_COMPLETE');
  });

  it('reports "no updates" as a value, not an error', async () => {
    const text = `Resources:\n${ROLE}`;
    await create('same', text);
    expect((await update('same', text)).status).toBe('NO_CHANGES');
  });

  it('rejects a change of resource type', async () => {
    await create('typed', 'Resources:\n  R: { Type: AWS::SNS::Topic }\n');
    await expect(update('typed', 'Resources:\n  R: { Type: AWS::S3::Bucket }\n')).rejects.toThrow(/Update of resource type is not permitted/);
  });

  it('keeps previous parameter values for parameters not given', async () => {
    const text = 'Parameters:\n  A: { Type: String }\n  B: { Type: String, Default: b }\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !Sub "${A}-${B}" }\n';
    await create('params', text, { A: 'one' });
    await update('params', text, { B: 'two' });
    expect(t.engine.describe('params').Parameters).toEqual([{ ParameterKey: 'A', ParameterValue: 'one' }, { ParameterKey: 'B', ParameterValue: 'two' }]);
  });
});

describe('delete', () => {
  it('fails on a bucket that still holds objects, as S3 does, and succeeds once it is empty', async () => {
    await create('store', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: full-bucket }\n');
    t.engine.artifacts.putObject('full-bucket', 'a.zip', 'zip');
    const failed = await t.engine.delete('store');
    expect(failed?.status).toBe('DELETE_FAILED');
    expect(t.events.find((event) => event.ResourceStatus === 'DELETE_FAILED' && event.LogicalResourceId === 'Bucket')?.ResourceStatusReason).toMatch(/The bucket you tried to delete is not empty/);
    t.engine.artifacts.deleteObject('full-bucket', 'a.zip');
    expect((await t.engine.delete('store'))?.status).toBe('DELETE_COMPLETE');
  });

  it('keeps a resource with DeletionPolicy Retain', async () => {
    await create('kept', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n    Properties: { BucketName: kept-bucket }\n');
    expect((await t.engine.delete('kept'))?.status).toBe('DELETE_COMPLETE');
    expect(statuses('Bucket')).toContain('DELETE_SKIPPED');
    expect(t.engine.artifacts.listBuckets()).toEqual(['kept-bucket']);
  });

  it('of a stack that does not exist is a no-op', async () => {
    expect(await t.engine.delete('never-made')).toBeUndefined();
  });
});

describe('exports and imports', () => {
  const exporter = (value: string) => `Resources:\n  T: { Type: AWS::SNS::Topic }\nOutputs:\n  V:\n    Value: ${value}\n    Export: { Name: shared-value }\n`;
  const importer = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !ImportValue shared-value }\n';

  it('an export in use can be neither deleted nor changed; an export name is unique', async () => {
    await create('producer', exporter('one'));
    await create('consumer', importer);
    const changed = await update('producer', exporter('two'));
    expect(changed.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(changed.reason).toBe('Cannot update export shared-value as it is in use by consumer');
    // As in AWS, the delete fails (DELETE_FAILED) and no resource is touched.
    expect((await t.engine.delete('producer'))?.reason).toBe('Export shared-value cannot be deleted as it is in use by consumer');
    expect(statuses('T').filter((status) => status.startsWith('DELETE'))).toEqual([]);
    const clash = await create('other', exporter('three'));
    expect(clash.status).toBe('ROLLBACK_COMPLETE');
    expect(clash.reason).toBe('Export with name shared-value is already exported by stack producer');
    await t.engine.delete('consumer');
    // A DELETE_FAILED stack can be deleted again (AWS retries the delete).
    expect((await t.engine.delete('producer'))?.status).toBe('DELETE_COMPLETE');
  });
});

describe('state', () => {
  it('survives a restart of the engine', async () => {
    await create('durable', `Resources:\n${ROLE}Outputs:\n  Arn: { Value: !GetAtt Role.Arn }\n`);
    t.account.close();
    const again = testEngine({ home: t.home });
    try {
      expect(again.engine.describe('durable')).toMatchObject({ StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'Arn', OutputValue: expect.stringMatching(/^arn:aws:iam::000000000000:role\/durable-Role-/) }] });
      expect((await again.engine.delete('durable'))?.status).toBe('DELETE_COMPLETE');
    } finally {
      await again.dispose();
      await t.dispose();
      t = testEngine();
    }
  });

  it('gives stacks and resources ARNs in the partition of the region', async () => {
    const china = testEngine({ region: 'cn-north-1' });
    try {
      const result = await china.engine.create({ stackName: 'far', templateBody: `Resources:\n${ROLE}Outputs:\n  Arn: { Value: !GetAtt Role.Arn }\n` });
      expect(result.stackId).toMatch(/^arn:aws-cn:cloudformation:cn-north-1:000000000000:stack\/far\//);
      expect(result.outputs[0]?.OutputValue).toMatch(/^arn:aws-cn:iam::000000000000:role\/far-Role-/);
    } finally {
      await china.dispose();
    }
  });

  it('masks NoEcho parameters in describe', async () => {
    await create('secret', 'Parameters:\n  Token: { Type: String, NoEcho: true }\nResources:\n  T: { Type: AWS::SNS::Topic }\n', { Token: 'hunter2' });
    expect(t.engine.describe('secret').Parameters).toEqual([{ ParameterKey: 'Token', ParameterValue: '****' }]);
  });
});

describe('types that are not emulated', () => {
  it('are recorded, listed at the end, and each placeholder attribute is listed with where it went and said in the events', async () => {
    const result = await create('mixed', `Resources:
  Service:
    Type: AWS::ECS::Service
    Properties: { Cluster: c }
  T:
    Type: AWS::SNS::Topic
    Properties: { DisplayName: !GetAtt Service.Name }
Outputs:
  ServiceArn: { Value: !GetAtt Service.ServiceArn }
`);
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(result.notEmulated).toEqual([
      { logicalId: 'Service', type: 'AWS::ECS::Service' },
      { logicalId: 'Service', type: 'AWS::ECS::Service', attribute: 'Name', usedAt: 'Resources.T.Properties.DisplayName' },
      { logicalId: 'Service', type: 'AWS::ECS::Service', attribute: 'ServiceArn', usedAt: 'Outputs.ServiceArn.Value' },
    ]);
    expect(t.events.find((event) => event.LogicalResourceId === 'Service' && event.ResourceStatus === 'CREATE_COMPLETE')?.ResourceStatusReason).toMatch(/not emulated locally/);
    expect(t.events.find((event) => event.LogicalResourceId === 'T' && event.ResourceStatus === 'CREATE_COMPLETE')?.ResourceStatusReason)
      .toMatch(/Service\.Name \(AWS::ECS::Service\) at Resources\.T\.Properties\.DisplayName received a placeholder/);
    expect(t.events.find((event) => event.LogicalResourceId === 'mixed' && event.ResourceStatus === 'CREATE_COMPLETE')?.ResourceStatusReason)
      .toMatch(/Service\.ServiceArn \(AWS::ECS::Service\) at Outputs\.ServiceArn\.Value/);
    expect(t.engine.describe('mixed').NotEmulated).toEqual(result.notEmulated);
  });
});

describe('dynamic references and SSM parameter types', () => {
  it('read the SSM parameters and secrets other stacks made, and fail clearly when one is missing', async () => {
    await create('config', `Resources:
  Tag:
    Type: AWS::SSM::Parameter
    Properties: { Name: /app/tag, Type: String, Value: v1 }
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties: { Name: app/db, SecretString: '{"password":"pw"}' }
`);
    const user = `Parameters:
  Tag: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/tag }
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties: { DisplayName: '{{resolve:ssm:/app/tag}}-{{resolve:secretsmanager:app/db:SecretString:password}}-\${Tag}' }
Outputs:
  Tag: { Value: !Ref Tag }
`.replace("'{{", "!Sub '{{");
    const result = await create('user', user);
    expect(result.outputs).toEqual([{ OutputKey: 'Tag', OutputValue: 'v1' }]);
    const missing = await create('missing', "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: '{{resolve:ssm:/nope}}' }\n");
    expect(missing.reason).toMatch(/the SSM parameter '\/nope' does not exist locally/);
  });
});

describe('immutable properties', () => {
  it('fail the update of a KMS key whose KeyUsage changes, instead of replacing the key', async () => {
    await create('keys', 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: { KeyUsage: ENCRYPT_DECRYPT }\n');
    const result = await update('keys', 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: { KeyUsage: SIGN_VERIFY, KeySpec: RSA_2048 }\n');
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.reason).toBe('AWS::KMS::Key does not allow changing KeyUsage, KeySpec of an existing resource; the update fails instead of replacing it');
  });
});

describe('nested stacks', () => {
  const child = 'Parameters:\n  Name: { Type: String }\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: !Ref Name }\nOutputs:\n  Arn: { Value: !GetAtt B.Arn }\n';
  const parent = (name: string) => `Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters: { Name: ${name} }\nOutputs:\n  Arn: { Value: !GetAtt Child.Outputs.Arn }\n`;

  it('roll back with their parent, and a failed nested create leaves no nested stack behind', async () => {
    writeFileSync(`${t.home}/child.yaml`, child);
    expect((await create('outer', parent('good-bucket'))).outputs).toEqual([{ OutputKey: 'Arn', OutputValue: 'arn:aws:s3:::good-bucket' }]);
    const failed = await update('outer', parent('Bad_Bucket'));
    expect(failed.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(failed.reason).toMatch(/Embedded stack .* was not successfully updated: .*bucket name 'Bad_Bucket'/);
    expect(t.engine.artifacts.listBuckets()).toEqual(['good-bucket']);
    expect(t.engine.describe('outer').Outputs[0]?.OutputValue).toBe('arn:aws:s3:::good-bucket');
    const broken = await create('other', parent('Also_Bad'));
    expect(broken.status).toBe('ROLLBACK_COMPLETE');
    expect(t.engine.listStacks().map((stack) => stack.stackName).filter((name) => name.startsWith('other-'))).toEqual([]);
    await t.engine.delete('other');
    expect((await t.engine.delete('outer'))?.status).toBe('DELETE_COMPLETE');
    expect(t.engine.listStacks()).toEqual([]);
    expect(t.engine.artifacts.listBuckets()).toEqual([]);
  });
});

describe('secrets in stack state', () => {
  it('keep dynamic references unresolved in the stack and NoEcho values masked in events; the provider gets the values', async () => {
    await create('pipe', PIPELINE_P);
    await create('vault', "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties: { Name: gh/token, SecretString: '{\"token\":\"ghp_real\"}' }\n");
    const text = `Parameters:
  Hook: { Type: String, NoEcho: true }
Resources:
  Webhook:
    Type: AWS::CodePipeline::Webhook
    Properties:
      Authentication: GITHUB_HMAC
      AuthenticationConfiguration: { SecretToken: !Ref Hook }
      Filters: [{ JsonPath: $.ref, MatchEquals: '{{resolve:secretsmanager:gh/token:SecretString:token}}' }]
      TargetPipeline: p
      TargetAction: Source
      TargetPipelineVersion: 1
`;
    await create('hooked', text, { Hook: 'hmac-secret-value' });
    const event = t.events.find((entry) => entry.LogicalResourceId === 'Webhook' && entry.ResourceStatus === 'CREATE_COMPLETE');
    expect(event?.ResourceProperties).toContain('"SecretToken":"****"');
    expect(event?.ResourceProperties).toContain('{{resolve:secretsmanager:gh/token:SecretString:token}}');
    expect(JSON.stringify(t.engine.describe('hooked'))).not.toContain('ghp_real');
    expect(t.account.pipelines.listWebhooks()[0]?.filters[0]?.matchEquals).toBe('ghp_real');
    // As in AWS, a new secret value alone is not a change to the stack.
    await update('vault', "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties: { Name: gh/token, SecretString: '{\"token\":\"ghp_new\"}' }\n");
    expect((await update('hooked', text)).status).toBe('NO_CHANGES');
  });
});

describe('cleanup after a replacement', () => {
  it('keeps the new resource when the old copy cannot be deleted, and the update still completes, as in AWS', async () => {
    const named = (name: string) => `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: ${name} }\n`;
    await create('swap', named('old-swap-bucket'));
    t.engine.artifacts.putObject('old-swap-bucket', 'keep.zip', 'x');
    const result = await update('swap', named('new-swap-bucket'));
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(statuses('Bucket')).toContain('DELETE_FAILED');
    expect(t.engine.describe('swap').Resources).toEqual([expect.objectContaining({ PhysicalResourceId: 'new-swap-bucket', ResourceStatus: 'UPDATE_COMPLETE' })]);
    expect(t.engine.artifacts.listBuckets()).toEqual(['new-swap-bucket', 'old-swap-bucket']);
  });
});

describe('secret versions', () => {
  const vault = (value: string) => `Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties: { Name: app/pw, SecretString: ${value} }\n`;
  const reader = (reference: string) => `Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: { Name: /read, Type: String, Value: '{{resolve:secretsmanager:${reference}}}' }\n`;
  const read = async (reference: string) => {
    const result = await create('reader', reader(reference));
    const value = t.account.parameters.get('/read')?.value;
    await t.engine.delete('reader');
    return { result, value };
  };

  it('keep the previous value as AWSPREVIOUS when the value changes; references read the stage or version id they name', async () => {
    await create('vault', vault('one'));
    await update('vault', vault('two'));
    const table = t.account.parameters;
    const previous = table.getSecretVersion({ secretId: 'app/pw', versionStage: 'AWSPREVIOUS' })!;
    expect(previous).toMatchObject({ secretString: 'one', stages: ['AWSPREVIOUS'] });
    expect((await read('app/pw')).value).toBe('two');
    expect((await read('app/pw:SecretString::AWSCURRENT')).value).toBe('two');
    expect((await read('app/pw:SecretString::AWSPREVIOUS')).value).toBe('one');
    expect((await read(`app/pw:SecretString:::${previous.versionId}`)).value).toBe('one');
    expect((await read('app/pw:SecretString::AWSPENDING')).result.reason).toMatch(/can't find the specified secret version stage AWSPENDING locally/);
    expect((await read(`app/pw:SecretString::AWSCURRENT:${previous.versionId}`)).result.reason).toMatch(/give a version stage or a version id, not both/);
    // Local builds read versions the same way (CodeBuild env secrets-manager `id:key:stage`).
    expect(await table.getSecretString({ secretId: 'app/pw', versionStage: 'AWSPREVIOUS' })).toBe('one');
  });

  it('keep the version of an unchanged value; a third value takes AWSPREVIOUS from the first, which stays readable by id', async () => {
    await create('vault', vault('one'));
    const table = t.account.parameters;
    const first = table.getSecretVersion({ secretId: 'app/pw' })!;
    expect((await update('vault', vault('one, Description: same value'))).status).toBe('UPDATE_COMPLETE');
    expect(table.getSecretVersion({ secretId: 'app/pw' })?.versionId).toBe(first.versionId);
    await update('vault', vault('two'));
    await update('vault', vault('three'));
    expect(table.getSecretVersion({ secretId: 'app/pw', versionStage: 'AWSPREVIOUS' })?.secretString).toBe('two');
    expect(table.getSecretVersion({ secretId: 'app/pw', versionId: first.versionId })).toMatchObject({ secretString: 'one', stages: [] });
    await t.engine.delete('vault');
    expect(table.getSecretVersion({ secretId: first.arn, versionId: first.versionId })).toBeUndefined();
  });
});
