// `aws ecr get-login`, answered by slipway whatever CLI a build has, in AWS CLI v1's form: one
// `docker login -u AWS -p <password> [-e none] <registry>` line per registry (awscli v1,
// customizations/ecr.py; `-e none` unless --no-include-email). The registry is the account's ECR
// host, which slipway's Docker proxy takes to the local registry. CLI v2, which CodeBuild's
// current images ship, has no such command, so the line that uses it fails on AWS: the build log
// says so and what to write instead (aws-semantics §3; product brief, weak point 4).
import { ecrHostOf } from '../../docker-proxy/index.js';
import { passwordOf } from './cli-commands.js';

/** What the build log shows next to the answer. */
export const GET_LOGIN_WARNING = [
  'WARNING: aws ecr get-login was removed from AWS CLI v2, which CodeBuild\'s current images ship, so on AWS this line fails',
  '(aws: error: argument operation: Invalid choice); slipway answers it locally as AWS CLI v1 did. Write instead:',
  '  aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com',
  '(slipway doctor --fix rewrites the buildspec that way)',
].join('\n');

/** The options get-login takes, or the CLI's complaint. */
export function getLoginOptions(options: Map<string, string[]>): { registryIds?: string[]; includeEmail: boolean } | { problem: string } {
  let includeEmail = true;
  let registryIds: string[] | undefined;
  for (const [name, values] of options) {
    if (name === 'registry-ids' && values.length > 0) registryIds = values;
    else if ((name === 'include-email' || name === 'no-include-email') && values.length === 0) includeEmail = name === 'include-email';
    else return { problem: name === 'registry-ids' ? 'argument --registry-ids: expected at least one argument' : `Unknown options: --${name}` };
  }
  return { registryIds, includeEmail };
}

/** The lines CLI v1 prints for GetAuthorizationToken's answer. */
export function getLoginLines(token: Record<string, unknown>, registries: string[], region: string, includeEmail: boolean): string {
  const password = passwordOf(token);
  return registries.map((id) => `docker login -u AWS -p ${password}${includeEmail ? ' -e none' : ''} https://${ecrHostOf(id, region)}\n`).join('');
}
