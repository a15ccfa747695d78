// AWS credentials and region for `slipway deploy`, found or not, and where, without printing a
// value. Looked for where the AWS SDK for JavaScript's default chain looks, without asking any
// network service: environment variables, the shared credentials and config files (keys, SSO,
// credential_process, assumed roles), a web identity token, a container credentials endpoint. An
// EC2 instance role can only be found by asking the instance metadata service, which doctor
// does not do. The region comes from AWS_REGION, else the profile's `region`; the SDK for
// JavaScript does not read AWS_DEFAULT_REGION (which the AWS CLI and CodeBuild use).
import type { Finding } from '../finding.js';
import { profileName, profileSection, sharedFilePaths } from './aws-shared-files.js';

const PROFILE_CREDENTIAL_KEYS = ['aws_access_key_id', 'sso_session', 'sso_start_url', 'credential_process', 'role_arn', 'web_identity_token_file'];

/** Where credentials would come from, or undefined when nowhere. */
export function credentialSource(env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  const profile = profileName(env);
  const files = sharedFilePaths(env);
  if (profileSection(files.credentials, profile, 'credentials').aws_access_key_id) return `profile ${profile} in ${files.credentials}`;
  const config = profileSection(files.config, profile, 'config');
  const key = PROFILE_CREDENTIAL_KEYS.find((name) => config[name]);
  if (key) return `profile ${profile} in ${files.config} (${key})`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_*)';
  return undefined;
}

/** The region slipway deploys to, and where it was found. */
export function awsRegion(env: NodeJS.ProcessEnv): { region: string; source: string } | undefined {
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'AWS_REGION' };
  const profile = profileName(env);
  const path = sharedFilePaths(env).config;
  const region = profileSection(path, profile, 'config').region;
  return region ? { region, source: `profile ${profile} in ${path}` } : undefined;
}

/** The two findings: credentials, then region; neither ever holds a value. */
export function awsFindings(env: NodeJS.ProcessEnv): Finding[] {
  const source = credentialSource(env);
  const credentials: Finding = source
    ? { check: 'machine.aws-credentials', severity: 'info', message: `AWS credentials found: ${source}` }
    : {
        check: 'machine.aws-credentials',
        severity: 'warning',
        message: 'no AWS credentials found (environment, shared files, web identity or container; an EC2 instance role is not looked for): slipway deploy, destroy and status need them',
        fix: 'run aws configure (or aws sso login), or set AWS_PROFILE; local commands do not need credentials',
      };
  const region = awsRegion(env);
  const ignored = env.AWS_DEFAULT_REGION ? ' (AWS_DEFAULT_REGION is set, but the AWS SDK for JavaScript slipway uses does not read it)' : '';
  const regionFinding: Finding = region
    ? { check: 'machine.aws-region', severity: 'info', message: `AWS region found: ${region.source}` }
    : {
        check: 'machine.aws-region',
        severity: 'warning',
        message: `no AWS region found in AWS_REGION or the profile${ignored}: slipway deploy needs one`,
        fix: 'export AWS_REGION=<region>, set region in the profile, or pass --region to slipway deploy',
      };
  return [credentials, regionFinding];
}
