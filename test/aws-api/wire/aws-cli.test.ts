// The AWS CLI v1 and v2 as peers, each protocol through commands people type: awsJson (ECR,
// CodePipeline, Secrets Manager; 1.0: CodeStar Connections), awsQuery (STS, CloudFormation, with
// nested lists, maps and timestamps) and S3 (cp, ls, presign and s3api), then the refusals.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLIS, CLI_FOLDER, cliError, EMPTY_CONFIG, removeCliHome, runCli, type AwsCli } from './support/aws-cli.js';
import { PUSHED_AT } from './support/fake-services.js';
import { startWireServer, TEST_KEY, type WireServer } from './support/wire-server.js';

let server: WireServer;
let skewed: WireServer;
beforeAll(async () => {
  server = await startWireServer();
  skewed = await startWireServer({ clock: () => new Date(Date.now() + 20 * 60_000) });
});
afterAll(async () => {
  await server?.close();
  await skewed?.close();
  removeCliHome();
});

const inputOf = (operation: string) => server.received.filter((call) => call.operation === operation).at(-1)?.input;
/** A timestamp as the CLI prints it: v1 shows it as the answer wrote it (epoch seconds in awsJson), v2 as ISO 8601. */
const instant = (printed: number | string) => (typeof printed === 'number' ? printed * 1000 : Date.parse(printed));

describe.each(AWS_CLIS)('$name', (cli: AwsCli) => {
  const label = cli.name.replace(/\W+/g, '-');
  const aws = async (...args: string[]) => {
    const result = await runCli(cli, server.endpoint, args);
    if (result.code !== 0) throw new Error(`${cli.command} ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    // The CLI's JSON output, read field by field in the assertions below.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, any>);
  };
  const failing = (...args: string[]) => runCli(cli, server.endpoint, args);

  it('is the CLI this test means', async () => {
    const result = await runCli(cli, undefined, ['--version']);
    expect(`${result.stdout}${result.stderr}`, `${cli.command} --version`).toContain(cli.version);
  });

  it('awsJson: ecr get-login-password, describe-images with timestamps, and RepositoryNotFoundException', async () => {
    const password = await runCli(cli, server.endpoint, ['ecr', 'get-login-password']);
    expect([password.code, password.stdout.trim()]).toEqual([0, 'local-password']);
    const images = await aws('ecr', 'describe-images', '--repository-name', 'app', '--image-ids', 'imageTag=v1', 'imageTag=v2');
    expect(inputOf('DescribeImages')).toEqual({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v2' }] });
    expect(images.imageDetails.map((detail: { imageTags: string[] }) => detail.imageTags)).toEqual([['v1'], ['v2']]);
    expect(instant(images.imageDetails[0].imagePushedAt)).toBe(PUSHED_AT.getTime());
    const missing = await failing('ecr', 'describe-repositories', '--repository-names', 'missing-repo');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(cliError('RepositoryNotFoundException', 'DescribeRepositories', "The repository with name 'missing-repo' does not exist in the registry with id '000000000000'"));
  });

  it('awsJson: a timestamp in a nested input, a blob in an output, and awsJson 1.0', async () => {
    await aws('codepipeline', 'put-job-success-result', '--job-id', 'j1', '--current-revision', 'revision=r1,changeIdentifier=c1,created=2024-01-02T03:04:05Z');
    expect(inputOf('PutJobSuccessResult')).toEqual({ jobId: 'j1', currentRevision: { revision: 'r1', changeIdentifier: 'c1', created: new Date('2024-01-02T03:04:05Z') } });
    const secret = await aws('secretsmanager', 'get-secret-value', '--secret-id', 'token');
    expect(Buffer.from(secret.SecretBinary, 'base64')).toEqual(Buffer.from([0, 1, 2, 250, 255]));
    expect(instant(secret.CreatedDate)).toBe(PUSHED_AT.getTime());
    const connection = await aws('codestar-connections', 'get-connection', '--connection-arn', 'arn:aws:codestar-connections:us-east-1:000000000000:connection/abc');
    expect(connection.Connection).toMatchObject({ ConnectionName: 'github', ConnectionStatus: 'AVAILABLE' });
  });

  it('awsQuery: sts get-caller-identity and assume-role with a list of tags', async () => {
    expect(await aws('sts', 'get-caller-identity')).toMatchObject({ UserId: TEST_KEY.accessKeyId, Account: '000000000000' });
    const role = await aws('sts', 'assume-role', '--role-arn', 'arn:aws:iam::000000000000:role/r', '--role-session-name', 's1', '--duration-seconds', '900', '--tags', 'Key=a,Value=x y', 'Key=b,Value=2');
    expect(inputOf('AssumeRole')).toEqual({ RoleArn: 'arn:aws:iam::000000000000:role/r', RoleSessionName: 's1', DurationSeconds: 900, Tags: [{ Key: 'a', Value: 'x y' }, { Key: 'b', Value: '2' }] });
    expect(instant(role.Credentials.Expiration)).toBe(PUSHED_AT.getTime() + 900_000);
  });

  it('awsQuery: cloudformation create-stack and describe-stacks carry lists, booleans, integers and timestamps both ways', async () => {
    const stack = `stack-${label}`;
    await aws('cloudformation', 'create-stack', '--stack-name', stack, '--template-body', '{"Resources": {}}', '--parameters', 'ParameterKey=Env,ParameterValue=dev', 'ParameterKey=Size,ParameterValue=2', '--tags', 'Key=team,Value=ci', '--capabilities', 'CAPABILITY_IAM', '--timeout-in-minutes', '5', '--disable-rollback', '--notification-arns', 'arn:aws:sns:us-east-1:000000000000:t');
    const expected = { StackName: stack, Parameters: [{ ParameterKey: 'Env', ParameterValue: 'dev' }, { ParameterKey: 'Size', ParameterValue: '2' }], Tags: [{ Key: 'team', Value: 'ci' }], Capabilities: ['CAPABILITY_IAM'], TimeoutInMinutes: 5, DisableRollback: true, NotificationARNs: ['arn:aws:sns:us-east-1:000000000000:t'] };
    expect(inputOf('CreateStack')).toEqual({ ...expected, TemplateBody: '{"Resources": {}}' });
    const described = await aws('cloudformation', 'describe-stacks', '--stack-name', stack);
    expect(described.Stacks[0]).toMatchObject({ ...expected, StackStatus: 'CREATE_COMPLETE' });
    expect(instant(described.Stacks[0].CreationTime)).toBe(PUSHED_AT.getTime());
    const missing = await failing('cloudformation', 'describe-stacks', '--stack-name', 'nope');
    expect(missing.stderr).toMatch(cliError('ValidationError', 'DescribeStacks', 'Stack with id nope does not exist'));
    const unserved = await failing('cloudformation', 'list-stack-sets');
    expect(unserved.stderr).toMatch(cliError('InvalidAction', 'ListStackSets', 'Could not find operation ListStackSets for version 2010-05-15'));
  });

  it('awsQuery: a map inside a list in the input (entry.N.key/value)', async () => {
    const resources = [{ ResourceType: 'AWS::S3::Bucket', LogicalResourceId: 'B', ResourceIdentifier: { BucketName: `b-${label}`, 'Other Key': 'x=1&y' } }];
    await aws('cloudformation', 'create-change-set', '--stack-name', 's', '--change-set-name', 'c', '--change-set-type', 'IMPORT', '--resources-to-import', JSON.stringify(resources));
    expect(inputOf('CreateChangeSet')?.ResourcesToImport).toEqual(resources);
  });

  it('S3: cp up and down, ls, head-object, and NoSuchKey', async () => {
    const file = join(CLI_FOLDER, `up-${label}.txt`);
    writeFileSync(file, `hello from ${cli.name}\n`);
    const key = `cli/${label}/a b+c.txt`;
    const copied = await runCli(cli, server.endpoint, ['s3', 'cp', file, `s3://existing/${key}`]);
    expect(copied.code).toBe(0);
    expect(inputOf('PutObject')).toMatchObject({ Bucket: 'existing', Key: key, Body: Buffer.from(`hello from ${cli.name}\n`) });
    const listing = await runCli(cli, server.endpoint, ['s3', 'ls', `s3://existing/cli/${label}/`]);
    expect(listing.stdout).toMatch(/\s\d+ a b\+c\.txt\n/);
    const down = join(CLI_FOLDER, `down-${label}.txt`);
    expect((await runCli(cli, server.endpoint, ['s3', 'cp', `s3://existing/${key}`, down])).code).toBe(0);
    expect(readFileSync(down, 'utf8')).toBe(`hello from ${cli.name}\n`);
    const head = await aws('s3api', 'head-object', '--bucket', 'existing', '--key', key);
    expect(head).toMatchObject({ ContentLength: `hello from ${cli.name}\n`.length, ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    const missing = await failing('s3api', 'get-object', '--bucket', 'existing', '--key', 'gone', join(CLI_FOLDER, 'gone'));
    expect(missing.stderr).toMatch(cliError('NoSuchKey', 'GetObject', 'The specified key does not exist.'));
  });

  it('S3: put-object with metadata, list-objects-v2 with a delimiter, delete-objects, and a presigned URL', async () => {
    const file = join(CLI_FOLDER, 'meta.txt');
    writeFileSync(file, 'meta');
    await aws('s3api', 'put-object', '--bucket', 'existing', '--key', 'm/one.txt', '--body', file, '--metadata', 'owner=ci,build=7', '--content-type', 'text/plain');
    expect(inputOf('PutObject')).toMatchObject({ Metadata: { owner: 'ci', build: '7' }, ContentType: 'text/plain' });
    await aws('s3api', 'put-object', '--bucket', 'existing', '--key', 'm/deep/two.txt', '--body', file);
    const listed = await aws('s3api', 'list-objects-v2', '--bucket', 'existing', '--prefix', 'm/', '--delimiter', '/');
    expect(listed.Contents.map((object: { Key: string }) => object.Key)).toEqual(['m/one.txt']);
    expect(listed.CommonPrefixes).toEqual([{ Prefix: 'm/deep/' }]);
    const url = await runCli(cli, server.endpoint, ['s3', 'presign', 's3://existing/m/one.txt', '--expires-in', '60']);
    const fetched = await fetch(url.stdout.trim());
    expect([fetched.status, await fetched.text()]).toEqual([200, 'meta']);
    const deleted = await aws('s3api', 'delete-objects', '--bucket', 'existing', '--delete', 'Objects=[{Key=m/one.txt},{Key=m/deep/two.txt}],Quiet=false');
    expect(inputOf('DeleteObjects')?.Delete).toEqual({ Objects: [{ Key: 'm/one.txt' }, { Key: 'm/deep/two.txt' }], Quiet: false });
    expect(deleted.Deleted).toEqual([{ Key: 'm/one.txt' }, { Key: 'm/deep/two.txt' }]);
  });

  it('refuses a wrong secret, an unknown key and a skewed clock in each protocol', async () => {
    const wrong = { accessKeyId: TEST_KEY.accessKeyId, secretAccessKey: 'wrong' };
    expect((await runCli(cli, server.endpoint, ['ecr', 'describe-repositories'], wrong)).stderr).toMatch(cliError('InvalidSignatureException', 'DescribeRepositories', /The request signature we calculated does not match/));
    expect((await runCli(cli, server.endpoint, ['sts', 'get-caller-identity'], wrong)).stderr).toMatch(cliError('SignatureDoesNotMatch', 'GetCallerIdentity', /The request signature we calculated/));
    expect((await runCli(cli, server.endpoint, ['s3api', 'list-objects-v2', '--bucket', 'existing'], wrong)).stderr).toMatch(cliError('SignatureDoesNotMatch', 'ListObjectsV2', /The request signature we calculated/));
    const stranger = { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' };
    expect((await runCli(cli, server.endpoint, ['ecr', 'describe-repositories'], stranger)).stderr).toMatch(cliError('UnrecognizedClientException', 'DescribeRepositories', 'The security token included in the request is invalid.'));
    expect((await runCli(cli, server.endpoint, ['sts', 'get-caller-identity'], stranger)).stderr).toMatch(cliError('InvalidClientTokenId', 'GetCallerIdentity', 'The security token included in the request is invalid.'));
    expect((await runCli(cli, server.endpoint, ['s3api', 'list-objects-v2', '--bucket', 'existing'], stranger)).stderr).toMatch(cliError('InvalidAccessKeyId', 'ListObjectsV2', 'The AWS Access Key Id you provided does not exist in our records.'));
    expect((await runCli(cli, skewed.endpoint, ['ecr', 'describe-repositories'])).stderr).toMatch(cliError('InvalidSignatureException', 'DescribeRepositories', /Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/));
    expect((await runCli(cli, skewed.endpoint, ['sts', 'get-caller-identity'])).stderr).toMatch(cliError('SignatureDoesNotMatch', 'GetCallerIdentity', /Signature expired: /));
    expect((await runCli(cli, skewed.endpoint, ['s3api', 'list-objects-v2', '--bucket', 'existing'])).stderr).toMatch(cliError('RequestTimeTooSkewed', 'ListObjectsV2', 'The difference between the request time and the current time is too large.'));
  });
});

describe('AWS CLI v1 only', () => {
  const v1 = AWS_CLIS[0]!;

  it('reads a map inside a list in a query answer (CLI v2 2.9 predates ListResourceScanResources)', async () => {
    const identifier = { BucketName: 'from-v1', 'Other Key': 'x=1&y' };
    await runCli(v1, server.endpoint, ['cloudformation', 'create-change-set', '--stack-name', 's', '--change-set-name', 'c', '--change-set-type', 'IMPORT', '--resources-to-import', JSON.stringify([{ ResourceType: 'AWS::S3::Bucket', LogicalResourceId: 'B', ResourceIdentifier: identifier }])]);
    const listed = await runCli(v1, server.endpoint, ['cloudformation', 'list-resource-scan-resources', '--resource-scan-id', 'scan']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).Resources).toContainEqual({ ResourceType: 'AWS::S3::Bucket', ResourceIdentifier: identifier, ManagedByStack: false });
  });

  it('refuses the Signature Version 2 URL its `s3 presign` makes by default, saying how to get version 4', async () => {
    const url = await runCli(v1, server.endpoint, ['s3', 'presign', 's3://existing/anything', '--expires-in', '60'], undefined, EMPTY_CONFIG);
    expect(url.stdout).toContain('AWSAccessKeyId=');
    const fetched = await fetch(url.stdout.trim());
    expect([fetched.status, await fetched.text()]).toEqual([400, expect.stringContaining('<Code>InvalidRequest</Code><Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256. (This URL is signed with Signature Version 2; the AWS CLI v1 presigns with version 4 once its config sets s3.signature_version = s3v4.)</Message>')]);
  });
});
