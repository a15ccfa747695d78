// awsQuery through the AWS SDK for JavaScript v3 (CloudFormation, STS) and raw signed requests:
// `member.N` lists, `entry.N.key/value` maps, empty lists, booleans, integers and timestamps read
// by the model; <XResponse><XResult> answers and <ErrorResponse> errors the SDK parses.
import { CloudFormationClient, CreateChangeSetCommand, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand, ListResourceScanResourcesCommand, ListStackSetsCommand } from '@aws-sdk/client-cloudformation';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSHED_AT } from './support/fake-services.js';
import { queryRequest, sendRaw } from './support/signed-request.js';
import { startWireServer, TEST_KEY, type WireServer } from './support/wire-server.js';

let server: WireServer;
let cloudformation: CloudFormationClient;
beforeAll(async () => {
  server = await startWireServer();
  cloudformation = new CloudFormationClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
});
afterAll(async () => server?.close());

const lastInput = () => server.received.at(-1)!.input;
const CFN = '2010-05-15';

describe('STS', () => {
  it('answers GetCallerIdentity with the signing key', async () => {
    const sts = new STSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ UserId: TEST_KEY.accessKeyId, Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads lists of structures and integers, and answers a timestamp the SDK parses', async () => {
    const sts = new STSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
    const role = 'arn:aws:iam::000000000000:role/deployer';
    const output = await sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 's1', DurationSeconds: 900, Tags: [{ Key: 'a', Value: 'x y' }, { Key: 'b', Value: '+&=' }], PolicyArns: [{ arn: 'arn:p1' }] }));
    expect(lastInput()).toEqual({ RoleArn: role, RoleSessionName: 's1', DurationSeconds: 900, Tags: [{ Key: 'a', Value: 'x y' }, { Key: 'b', Value: '+&=' }], PolicyArns: [{ arn: 'arn:p1' }] });
    expect(output.Credentials?.Expiration).toEqual(new Date(PUSHED_AT.getTime() + 900_000));
    expect(output.AssumedRoleUser?.Arn).toBe(`${role}/s1`);
    expect(output.PackedPolicySize).toBe(2);
  });
});

describe('CloudFormation', () => {
  it('reads member.N lists, booleans and integers, and answers them back inside <DescribeStacksResult>', async () => {
    const input = {
      StackName: 'widget-dev',
      TemplateBody: '{"Resources": {}}',
      Parameters: [{ ParameterKey: 'Env', ParameterValue: 'dev' }, { ParameterKey: 'Empty', ParameterValue: '' }],
      Tags: [{ Key: 'team', Value: 'ci & cd' }],
      Capabilities: ['CAPABILITY_IAM' as const, 'CAPABILITY_NAMED_IAM' as const],
      NotificationARNs: ['arn:aws:sns:us-east-1:000000000000:t'],
      DisableRollback: true,
      TimeoutInMinutes: 5,
    };
    await cloudformation.send(new CreateStackCommand(input));
    expect(lastInput()).toEqual(input);
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: 'widget-dev' }));
    const { TemplateBody: _template, ...described } = input;
    expect(Stacks?.[0]).toMatchObject({ ...described, StackStatus: 'CREATE_COMPLETE', CreationTime: PUSHED_AT });
    expect(Stacks?.[0]?.Outputs).toEqual([{ OutputKey: 'Pushed', OutputValue: PUSHED_AT.toISOString(), Description: 'a <b> & "c"' }]);
  });

  it('reads an empty list, which the query protocol sends as `Name=`', async () => {
    await cloudformation.send(new CreateStackCommand({ StackName: 'bare', Capabilities: [] }));
    expect(lastInput()).toEqual({ StackName: 'bare', Capabilities: [] });
  });

  it('reads entry.N.key/value maps and answers maps the SDK parses', async () => {
    const identifier = { BucketName: 'artifacts', 'Odd Key': 'v=1&2' };
    await cloudformation.send(new CreateChangeSetCommand({ StackName: 's', ChangeSetName: 'import', ChangeSetType: 'IMPORT', ResourcesToImport: [{ ResourceType: 'AWS::S3::Bucket', LogicalResourceId: 'Bucket', ResourceIdentifier: identifier }] }));
    expect(lastInput().ResourcesToImport).toEqual([{ ResourceType: 'AWS::S3::Bucket', LogicalResourceId: 'Bucket', ResourceIdentifier: identifier }]);
    const output = await cloudformation.send(new ListResourceScanResourcesCommand({ ResourceScanId: 'scan' }));
    expect(output.Resources).toEqual([{ ResourceType: 'AWS::S3::Bucket', ResourceIdentifier: identifier, ManagedByStack: false }]);
  });

  it('answers an operation without output as <XResponse> holding only ResponseMetadata', async () => {
    await cloudformation.send(new DeleteStackCommand({ StackName: 'bare' }));
    const raw = await sendRaw(server.port, queryRequest({ Action: 'DeleteStack', Version: CFN, StackName: 'widget-dev' }, { service: 'cloudformation' }));
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('text/xml');
    expect(raw.text).toBe(`<?xml version="1.0" encoding="UTF-8"?><DeleteStackResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><ResponseMetadata><RequestId>${raw.headers['x-amzn-requestid']}</RequestId></ResponseMetadata></DeleteStackResponse>`);
  });

  it("answers a handler's error as <ErrorResponse> with Type, Code, Message and RequestId", async () => {
    await expect(cloudformation.send(new DescribeStacksCommand({ StackName: 'nope' }))).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id nope does not exist', $metadata: { httpStatusCode: 400 } });
    const raw = await sendRaw(server.port, queryRequest({ Action: 'DescribeStacks', Version: CFN, StackName: 'nope' }, { service: 'cloudformation' }));
    const id = raw.headers['x-amzn-requestid'];
    expect(raw.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id nope does not exist</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
    );
  });

  it('answers an operation it does not serve with InvalidAction naming it and the version', async () => {
    await expect(cloudformation.send(new ListStackSetsCommand({}))).rejects.toMatchObject({ name: 'InvalidAction', message: 'Could not find operation ListStackSets for version 2010-05-15' });
    const missing = await sendRaw(server.port, queryRequest({ Version: CFN }, { service: 'cloudformation' }));
    expect(missing.text).toContain('<Code>MissingAction</Code>');
  });

  it('refuses a missing required member with ValidationError, and a malformed integer with InvalidParameterValue', async () => {
    const missing = await sendRaw(server.port, queryRequest({ Action: 'CreateStack', Version: CFN, 'Parameters.member.1.ParameterValue': 'v' }, { service: 'cloudformation' }));
    expect(missing.text).toContain('<Code>ValidationError</Code><Message>1 validation error detected: Value null at &apos;StackName&apos; failed to satisfy constraint: Member must not be null</Message>');
    const malformed = await sendRaw(server.port, queryRequest({ Action: 'CreateStack', Version: CFN, StackName: 's', TimeoutInMinutes: 'five' }, { service: 'cloudformation' }));
    expect(malformed.text).toContain('<Code>InvalidParameterValue</Code><Message>Value &apos;five&apos; for parameter TimeoutInMinutes is invalid: expected an integer.</Message>');
  });
});
