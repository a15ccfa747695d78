// Runs the AWS CLI (v1 from pip on PATH, v2 Debian's /usr/bin/aws) against the test server with
// the test key in its environment and empty config and credentials files in a temporary HOME, so
// the machine's own AWS settings are never read. Retries are off so refusals show as they come.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KEY } from './wire-server.js';

/** One AWS CLI to test with. */
export interface AwsCli {
  name: string;
  command: string;
  /** What `--version` starts with. */
  version: string;
}

export const AWS_CLIS: AwsCli[] = [
  { name: 'AWS CLI v1', command: 'aws', version: 'aws-cli/1.' },
  { name: 'AWS CLI v2', command: '/usr/bin/aws', version: 'aws-cli/2.' },
];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const home = mkdtempSync(join(tmpdir(), 'slipway-aws-cli-'));
// The CLI v1 presigns S3 URLs with Signature Version 2 unless told otherwise; the endpoint takes version 4 only.
writeFileSync(join(home, 'config'), '[default]\ns3 =\n  signature_version = s3v4\n');
writeFileSync(join(home, 'config-empty'), '');
writeFileSync(join(home, 'credentials'), '');

/** The environment the CLI runs with: nothing of the caller's AWS_* variables. */
export function cliEnvironment(key: { accessKeyId: string; secretAccessKey: string } = TEST_KEY, config = 'config'): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  return {
    ...inherited,
    HOME: home,
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, config),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Runs `cli` with `args` against `endpoint` (`--endpoint-url`, JSON output). */
export function runCli(
  cli: AwsCli, endpoint: string | undefined, args: string[], key?: { accessKeyId: string; secretAccessKey: string },
  config?: string,
): Promise<CliResult> {
  const all = endpoint === undefined ? args : [...args, '--endpoint-url', endpoint, '--output', 'json'];
  return new Promise((resolve) => {
    execFile(cli.command, all, { env: cliEnvironment(key, config), cwd: home, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error?.code === 'ENOENT') {
        resolve({ code: -1, stdout, stderr: `${cli.command} is not installed: the ${cli.name} comes from ${cli.version.startsWith('aws-cli/1') ? 'pip install awscli' : 'apt-get install -y awscli'}` });
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A config file that sets nothing (the CLI's defaults). */
export const EMPTY_CONFIG = 'config-empty';

/**
 * AWS's error line as the CLI prints it; the v2 CLI adds the retries it made
 * (`An error occurred (Code) when calling the Op operation (reached max retries: 0): message`).
 */
export function cliError(code: string, operation: string, message: string | RegExp): RegExp {
  const text = typeof message === 'string' ? message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : message.source;
  return new RegExp(`An error occurred \\(${code}\\) when calling the ${operation} operation( \\(reached max retries: \\d+\\))?: ${text}`);
}

/** Removes the CLI's temporary HOME. */
export function removeCliHome(): void {
  rmSync(home, { recursive: true, force: true });
}

/** The folder the CLI runs in, for files it uploads and downloads. */
export const CLI_FOLDER = home;
