// slipway's stand-in for the AWS CLI, in a build environment with no AWS CLI, prints what the AWS
// CLI v2 prints for the same command line against the same `slipway up` (stdout, stderr's error
// line and exit status): json, text and yaml output, --query, a missing parameter, an option the
// command does not take, and a command the stand-in does not answer.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAwsToken } from '../../src/local/codebuild/index.js';
import { AWS_CLIS, runCli, type CliResult } from '../aws-api/wire/support/aws-cli.js';
import { pathWithoutCli, startReachUp, type ReachUp } from './support/reach-up.js';

const STAND_IN = fileURLToPath(new URL('../../assets/build-path/aws', import.meta.url));

let reach: ReachUp;
let standInPath: string;

beforeAll(async () => {
  reach = await startReachUp([]);
  standInPath = pathWithoutCli(reach.dir);
}, 60_000);

afterAll(() => reach?.close());

function standIn(args: string[]): Promise<CliResult> {
  const { endpoint, secretAccessKey, region } = reach.up.ready;
  const env = { PATH: standInPath, AWS_DEFAULT_REGION: region, SLIPWAY_AWS_ANSWERS: `${endpoint}/_slipway/build-aws`, SLIPWAY_AWS_TOKEN: buildAwsToken(secretAccessKey), TMPDIR: reach.dir };
  return new Promise((resolve) => {
    execFile(STAND_IN, args, { env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

const cliV2 = (args: string[]) => runCli(AWS_CLIS[1]!, undefined, ['--endpoint-url', reach.up.ready.endpoint, ...args], reach.up.ready);

const ANSWERED = [
    ['sts', 'get-caller-identity'],
    ['sts', 'get-caller-identity', '--output', 'text'],
    ['ssm', 'get-parameter', '--name', '/reach/param'],
    ['ssm', 'get-parameters', '--names', '/reach/param', '/reach/missing', '--output', 'text'],
    ['ssm', 'get-parameter', '--name', '/reach/param', '--query', 'Parameter.[Name,Value]', '--output', 'text'],
    ['secretsmanager', 'get-secret-value', '--secret-id', 'reach/json'],
    ['secretsmanager', 'get-secret-value', '--secret-id', 'reach/json', '--output', 'yaml'],
    ['ssm', 'get-parameters', '--names', '/reach/param', '/reach/missing', '--output', 'yaml'],
    ['secretsmanager', 'get-secret-value', '--secret-id', 'reach/secret', '--query', 'SecretString', '--output', 'yaml'],
    ['secretsmanager', 'get-secret-value', '--secret-id', 'reach/json', '--query', 'SecretString', '--output', 'text'],
];

describe('the aws stand-in with no AWS CLI', () => {
  it.each(ANSWERED.map((args) => [args.join(' '), args]))('prints what the CLI v2 prints: aws %s', async (_line, args) => {
    const [ours, theirs] = [await standIn(args), await cliV2(args)];
    expect(theirs.code, theirs.stderr).toBe(0);
    expect(ours).toEqual({ code: 0, stdout: theirs.stdout, stderr: '' });
  });

  it('fails as the CLI v2 fails: a missing parameter (254), an unknown option, a missing option or value (252)', async () => {
    const lines = [
      ['ssm', 'get-parameter', '--name', '/reach/missing'],
      ['ssm', 'get-parameter', '--name', '/reach/param', '--colour', 'red'],
      ['ssm', 'get-parameter', '--colour', 'red'],
      ['ssm', 'get-parameter', '--name'],
    ];
    for (const args of lines) {
      const [ours, theirs] = [await standIn(args), await cliV2(args)];
      expect(ours.code).toBe(theirs.code);
      expect(ours.stdout).toBe('');
      // The tests' CLI runs with one attempt, which botocore's message adds; the stand-in makes no retries to speak of.
      expect(ours.stderr.trim().split('\n').at(-1)).toBe(theirs.stderr.trim().split('\n').at(-1)!.replace(' (reached max retries: 0)', ''));
    }
  });

  it('answers ecr get-login-password with a password the registry takes, and says which commands it answers for others (253)', async () => {
    const password = await standIn(['ecr', 'get-login-password']);
    expect(password.code).toBe(0);
    const basic = Buffer.from(`AWS:${password.stdout.trim()}`).toString('base64');
    const [good, bad] = await Promise.all([basic, Buffer.from('AWS:wrong').toString('base64')].map((auth) => fetch(`http://${reach.up.ready.registry}/v2/`, { headers: { authorization: `Basic ${auth}` } })));
    expect([good!.status, bad!.status]).toEqual([200, 401]);
    const other = await standIn(['s3', 'ls']);
    expect(other.code).toBe(253);
    expect(other.stderr).toContain('answers only ecr get-login-password, ecr get-login, sts get-caller-identity');
  });
});
